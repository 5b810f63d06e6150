import { describe, expect, it } from 'vitest';
import { barKey, DragMachine, nextTaskRow, type Press } from './drag-machine';

const task = { start: '2026-03-02', due: '2026-03-06', progress: 40 } as const;
const press = (over: Partial<Press> = {}): Press => ({
	id: 'a',
	kind: 'move',
	task,
	clientX: 100,
	point: { x: 100, y: 45 },
	bar: { x: 80, width: 50 },
	rowMid: 45,
	editable: true,
	...over
});
const at = (clientX: number, over: { target?: string | null; y?: number } = {}) => ({ clientX, point: { x: clientX, y: over.y ?? 45 }, pxPerDay: 10, target: over.target });

describe('bar drag', () => {
	it('[G12] a press without a move (or within the 3 px dead zone) opens the task', () => {
		const d = new DragMachine();
		d.press(press());
		expect(d.move(at(102))).toBeNull();
		expect(d.current).toMatchObject({ moved: false });
		expect(d.release()).toEqual({ clearPreview: true, action: { kind: 'open', id: 'a' } });
		expect(d.current).toBeNull();
	});

	it('[G12] a move previews whole-day dates once per change and commits them on release', () => {
		const d = new DragMachine();
		d.press(press());
		expect(d.move(at(103))).toEqual({ id: 'a', start: '2026-03-02', due: '2026-03-06' });
		expect(d.move(at(104))).toBeNull();
		expect(d.move(at(121))).toEqual({ id: 'a', start: '2026-03-04', due: '2026-03-08' });
		expect(d.current).toMatchObject({ start: '2026-03-04', due: '2026-03-08' });
		expect(d.release()).toEqual({ clearPreview: true, action: { kind: 'move', id: 'a', dates: { start: '2026-03-04', due: '2026-03-08' } } });
	});

	it('[G12] an edge drag changes only its date; dropped where it began it commits nothing', () => {
		const d = new DragMachine();
		d.press(press({ kind: 'start' }));
		expect(d.move(at(70))).toEqual({ id: 'a', start: '2026-02-27', due: '2026-03-06' });
		d.move(at(101));
		expect(d.release()).toEqual({ clearPreview: true, action: null });
		d.press(press({ kind: 'due' }));
		expect(d.move(at(50))).toEqual({ id: 'a', start: '2026-03-02', due: '2026-03-02' });
	});

	it('[G12] the progress handle sets a whole percentage, committed only after a move', () => {
		const d = new DragMachine();
		d.press(press({ kind: 'progress' }));
		expect(d.release()).toEqual({ clearPreview: false, action: null });
		d.press(press({ kind: 'progress' }));
		d.move(at(117.4));
		expect(d.current).toMatchObject({ kind: 'progress', progress: 75 });
		d.move(at(200));
		expect(d.release()).toEqual({ clearPreview: false, action: { kind: 'progress', id: 'a', progress: 100 } });
	});

	it('[G12] a link drag from the end handle links onto another task, never onto itself', () => {
		const d = new DragMachine();
		d.press(press({ kind: 'link' }));
		expect(d.current).toMatchObject({ kind: 'link', x1: 130, y1: 45 });
		d.move(at(140, { target: 'a', y: 80 }));
		expect(d.current).toMatchObject({ x: 140, y: 80, target: null });
		d.move(at(150, { target: 'b', y: 80 }));
		expect(d.release()).toEqual({ clearPreview: false, action: { kind: 'link', from: 'a', to: 'b' } });
		d.press(press({ kind: 'link' }));
		d.move(at(150, { target: null }));
		expect(d.release().action).toBeNull();
	});

	it('[G12] read-only, any press only opens the task, however far it travels', () => {
		const d = new DragMachine();
		d.press(press({ kind: 'due', editable: false }));
		expect(d.move(at(200))).toBeNull();
		expect(d.release()).toEqual({ clearPreview: true, action: { kind: 'open', id: 'a' } });
	});

	it('[G12] a cancelled drag commits nothing and says whether peers saw a preview', () => {
		const d = new DragMachine();
		d.press(press());
		d.move(at(150));
		expect(d.cancel()).toBe(true);
		expect(d.current).toBeNull();
		d.press(press({ kind: 'progress' }));
		expect(d.cancel()).toBe(false);
		expect(d.release()).toEqual({ clearPreview: false, action: null });
	});
});

describe('bar keys', () => {
	it('[G13] Enter and Space open; Up and Down go to the neighbouring task; other keys are left alone', () => {
		expect(barKey({ key: 'Enter', shiftKey: false }, task, true)).toEqual({ kind: 'open' });
		expect(barKey({ key: ' ', shiftKey: false }, task, false)).toEqual({ kind: 'open' });
		expect(barKey({ key: 'ArrowUp', shiftKey: false }, task, true)).toEqual({ kind: 'focus', step: -1 });
		expect(barKey({ key: 'ArrowDown', shiftKey: false }, task, false)).toEqual({ kind: 'focus', step: 1 });
		expect(barKey({ key: 'Tab', shiftKey: false }, task, true)).toBeNull();
	});

	it('[G13] arrows move a day, Shift+arrows change the due day; read-only they say why', () => {
		expect(barKey({ key: 'ArrowRight', shiftKey: false }, task, true)).toEqual({ kind: 'move', dates: { start: '2026-03-03', due: '2026-03-07' } });
		expect(barKey({ key: 'ArrowLeft', shiftKey: true }, task, true)).toEqual({ kind: 'move', dates: { start: '2026-03-02', due: '2026-03-05' } });
		expect(barKey({ key: 'ArrowLeft', shiftKey: false }, task, false)).toEqual({ kind: 'readonly' });
	});

	it('[G13] moving between rows skips group headers', () => {
		const rows = [{ kind: 'group' }, { kind: 'task' }, { kind: 'group' }, { kind: 'task' }];
		expect(nextTaskRow(rows, 1, 1)).toBe(3);
		expect(nextTaskRow(rows, 3, -1)).toBe(1);
		expect(nextTaskRow(rows, 1, -1)).toBe(-1);
		expect(nextTaskRow(rows, 3, 1)).toBe(4);
	});
});
