import { describe, expect, it } from 'vitest';
import { GridState } from './grid-state.svelte';
import { GridMachine, type GridInputs } from './grid-machine.svelte';
import { gridColumns, type CellContext, type EditableField } from './edit';
import type { PastePlan } from './clipboard';
import type { ViewRow } from '../shared/plan/task-view';
import type { Task } from '../shared/plan/types';
import { makeTask } from './test-task';

const tasks = [makeTask({ id: 'a', title: '甲' }), makeTask({ id: 'b', title: '乙', unit: '教研室' }), makeTask({ id: 'c', title: '丙' })];
const taskRows = (list: Task[]): ViewRow[] => list.map((task) => ({ kind: 'task', task }) as ViewRow);
const columns = gridColumns(false);
const col = (f: string) => columns.indexOf(f as (typeof columns)[number]);

/** A machine over plain inputs; `calls` records every callback, `set` changes the inputs. */
function setup(over: Partial<GridInputs> = {}) {
	const calls: [string, ...unknown[]][] = [];
	const ctx: CellContext = {
		year: 2026,
		phaseLabel: (k) => k,
		statusLabel: (k) => k,
		tasks,
		numbers: new Map(tasks.map((t, i) => [t.id, i + 1]))
	};
	let inputs: GridInputs = {
		rows: taskRows(tasks),
		columns,
		ctx,
		today: '2026-03-10',
		editable: true,
		reorderable: true,
		page: 2,
		attentionLabel: (s) => s,
		onedit: (...a) => (calls.push(['edit', ...a]), null),
		onpaste: (plan) => void calls.push(['paste', plan]),
		onclear: (cells) => void calls.push(['clear', cells]),
		onundo: () => void calls.push(['undo']),
		onredo: () => void calls.push(['redo']),
		onediting: (cell) => void calls.push(['editing', cell]),
		ontogglegroup: (key) => void calls.push(['toggle', key]),
		onmove: (id, before) => void calls.push(['move', id, before]),
		oninsert: (id) => void calls.push(['insert', id]),
		onappend: () => void calls.push(['append']),
		...over
	};
	const grid = new GridState();
	const machine = new GridMachine(
		() => grid,
		() => inputs
	);
	machine.syncSize();
	const set = (next: Partial<GridInputs>) => {
		inputs = { ...inputs, ...next };
		machine.syncSize();
	};
	return { grid, machine, calls, set };
}

describe('grid machine: cursor and selection', () => {
	it('[T17] arrows move the cursor and ask for focus; Ctrl+arrows and Home/End jump, PageDown steps a page, all clamped', () => {
		const { grid, machine } = setup();
		expect(machine.key({ key: 'ArrowDown' })).toEqual({ prevent: true, focus: true });
		expect(grid.active).toEqual({ row: 1, col: 1 });
		machine.key({ key: 'ArrowRight' });
		expect(grid.active).toEqual({ row: 1, col: 2 });
		machine.key({ key: 'ArrowDown', mod: true });
		// Three tasks and a writer's empty row after them.
		expect(grid.active).toEqual({ row: 3, col: 2 });
		machine.key({ key: 'Home', mod: true });
		expect(grid.active).toEqual({ row: 0, col: 0 });
		machine.key({ key: 'ArrowUp' });
		machine.key({ key: 'ArrowLeft' });
		expect(grid.active).toEqual({ row: 0, col: 0 });
		machine.key({ key: 'End' });
		expect(grid.active).toEqual({ row: 0, col: columns.length - 1 });
		machine.key({ key: 'PageDown' });
		expect(grid.active.row).toBe(2);
		machine.key({ key: 'PageDown' });
		expect(grid.active.row).toBe(3);
	});

	it('[T17] Shift+arrows and a pointer drag select a block from the anchor; Esc collapses it; Tab leaves the grid at its ends', () => {
		const { grid, machine } = setup();
		machine.key({ key: 'ArrowDown', shift: true });
		machine.key({ key: 'ArrowRight', shift: true });
		expect(grid.range).toEqual({ top: 0, bottom: 1, left: 1, right: 2 });
		expect(grid.isBlock).toBe(true);
		expect(grid.inRange(1, 2)).toBe(true);
		expect(machine.key({ key: 'Escape' })).toEqual({});
		expect(grid.isBlock).toBe(false);
		expect(machine.pointerDown(0, 1, false)).toEqual({ focus: true });
		machine.pointerEnter(2, 3, 1);
		expect(grid.range).toEqual({ top: 0, bottom: 2, left: 1, right: 3 });
		machine.pointerDown(0, 0, false);
		expect(machine.key({ key: 'Tab', shift: true })).toEqual({});
		expect(machine.key({ key: 'Tab' })).toEqual({ prevent: true, focus: true });
		expect(grid.active).toEqual({ row: 0, col: 1 });
	});

	it('[T17] when rows vanish the cursor clamps to the last row left; an empty read-only grid keeps it at the origin', () => {
		const { grid, machine, set } = setup();
		machine.key({ key: 'ArrowDown', mod: true });
		expect(grid.active.row).toBe(3);
		set({ rows: taskRows(tasks.slice(0, 1)) });
		expect(grid.active.row).toBe(1);
		expect(machine.activeTaskId).toBeNull();
		set({ rows: [], editable: false });
		expect(grid.active).toEqual({ row: 0, col: 1 });
		expect(machine.key({ key: 'ArrowDown' })).toEqual({ prevent: true, focus: true });
		expect(machine.key({ key: 'x' })).toEqual({});
	});

	it('[T17] Ctrl+Z and Ctrl+Y are the grid\'s own undo and redo (not the page\'s); Ctrl+A selects everything', () => {
		const { grid, machine, calls } = setup();
		expect(machine.key({ key: 'z', mod: true })).toEqual({ prevent: true, stop: true });
		machine.key({ key: 'Z', mod: true, shift: true });
		machine.key({ key: 'y', mod: true });
		expect(calls).toEqual([['undo'], ['redo'], ['redo']]);
		machine.key({ key: 'a', mod: true });
		expect(grid.range).toEqual({ top: 0, bottom: 3, left: 0, right: columns.length - 1 });
	});
});

describe('grid machine: editing', () => {
	it('[T17] Enter opens the editor with the cell\'s text; Enter commits a changed draft and moves down', () => {
		const { grid, machine, calls } = setup();
		machine.pointerDown(1, col('unit'), false);
		expect(machine.key({ key: 'Enter' })).toEqual({ prevent: true, edit: {} });
		expect(machine.startEdit()).toBe(true);
		expect(grid.editing?.draft).toBe('教研室');
		expect(calls.at(-1)).toEqual(['editing', { id: 'b', field: 'unit' }]);
		// Keys on the grid do nothing while the editor has them.
		expect(machine.key({ key: 'ArrowDown' })).toEqual({});
		grid.setDraft('教育局');
		expect(machine.editorKey({ key: 'Enter' })).toEqual({ prevent: true, focus: true });
		expect(calls.slice(-2)).toEqual([['editing', null], ['edit', 'b', 'unit', '教育局']]);
		expect(grid.editing).toBeNull();
		expect(grid.active).toEqual({ row: 2, col: col('unit') });
	});

	it('[T17] Esc cancels; an unchanged draft writes nothing; typing replaces the cell; a list field opens its choices', () => {
		const { grid, machine, calls } = setup();
		machine.pointerDown(0, col('title'), false);
		expect(machine.key({ key: '新' })).toEqual({ prevent: true, edit: { initial: '新' } });
		machine.startEdit('新');
		expect(grid.editing?.draft).toBe('新');
		machine.editorKey({ key: 'Escape' });
		expect(calls.filter((c) => c[0] === 'edit')).toEqual([]);
		machine.startEdit();
		machine.editorKey({ key: 'Tab' });
		expect(calls.filter((c) => c[0] === 'edit')).toEqual([]);
		expect(grid.active).toEqual({ row: 0, col: col('title') + 1 });
		machine.pointerDown(0, col('status'), false);
		expect(machine.key({ key: 'd' })).toEqual({ prevent: true, edit: {} });
		expect(machine.key({ key: 'Process' })).toEqual({ edit: {} });
		machine.pointerDown(0, col('no'), false);
		expect(machine.key({ key: 'x' })).toEqual({});
		expect(machine.startEdit()).toBe(false);
	});

	it('[T17] a press on another cell commits the open edit there; a refused value keeps its error with the page', () => {
		const { grid, machine, calls } = setup({ onedit: () => ({ kind: 'required' }) as never });
		machine.pointerDown(0, col('lead'), false);
		machine.startEdit('');
		expect(machine.pointerDown(2, col('lead'), false)).toEqual({ focus: true });
		expect(grid.editing).toBeNull();
		expect(grid.active.row).toBe(2);
		expect(calls.at(-1)).toEqual(['editing', null]);
		machine.startEdit('x');
		expect(machine.finishEdit(true)).toBe(false);
	});

	it('[T17] a read-only grid opens no editor and takes no paste or Delete', () => {
		const { machine, calls } = setup({ editable: false });
		expect(machine.startEdit()).toBe(false);
		expect(machine.paste('a\tb')).toBe(false);
		expect(machine.key({ key: 'Delete' })).toEqual({});
		expect(calls).toEqual([]);
	});
});

describe('grid machine: paste, copy, clear and rows', () => {
	it('[T17] tab-separated text pasted on a selected cell gives the batch from that cell, new tasks for rows past the end', () => {
		const { machine, calls } = setup();
		machine.pointerDown(1, col('unit'), false);
		expect(machine.paste('单位甲\t李四\r\n单位乙\t王五\r\n单位丙\t赵六\r\n')).toBe(true);
		const plan = calls.at(-1)![1] as PastePlan<EditableField>;
		expect(plan.edits).toEqual([
			{ id: 'b', values: { unit: '单位甲', lead: '李四' } },
			{ id: 'c', values: { unit: '单位乙', lead: '王五' } }
		]);
		expect(plan.extra).toEqual([{ unit: '单位丙', lead: '赵六' }]);
	});

	it('[T17] copy gives the selected block as TSV; Delete clears its editable cells; group rows fold with Enter', () => {
		const rows: ViewRow[] = [{ kind: 'group', key: '组织保障', count: 3, meanProgress: 50, folded: false }, ...taskRows(tasks)];
		const { machine, calls } = setup({ rows, reorderable: false });
		machine.pointerDown(0, 1, false);
		machine.pointerDown(2, col('title'), true);
		expect(machine.copyText()).toBe('组织保障\t甲\r\n组织保障\t乙\r\n');
		machine.key({ key: 'Delete' });
		expect(calls.at(-1)).toEqual([
			'clear',
			[
				{ id: 'a', field: 'workstream' },
				{ id: 'a', field: 'title' },
				{ id: 'b', field: 'workstream' },
				{ id: 'b', field: 'title' }
			]
		]);
		machine.pointerDown(0, 1, false);
		machine.key({ key: 'Enter' });
		expect(calls.at(-1)).toEqual(['toggle', '组织保障']);
		machine.pointerDown(4, 1, false);
		machine.key({ key: 'Enter' });
		expect(calls.at(-1)).toEqual(['append']);
		machine.pointerDown(1, 1, false);
		machine.key({ key: 'Enter', mod: true });
		expect(calls.at(-1)).toEqual(['insert', 'a']);
	});

	it('[T17] Alt+arrows and a drop move a row in plan order; Shift+Space picks it', () => {
		const { grid, machine, calls } = setup();
		machine.pointerDown(0, 1, false);
		machine.key({ key: 'ArrowUp', alt: true });
		machine.key({ key: 'ArrowDown', alt: true });
		expect(calls).toEqual([['move', 'a', 'c']]);
		expect(grid.active.row).toBe(1);
		machine.key({ key: ' ', shift: true });
		expect([...grid.picked]).toEqual(['b']);
		expect(machine.dragOver('c', true)).toBe(false);
		machine.dragStart('a');
		expect(machine.dragOver('c', true)).toBe(true);
		expect(machine.dropBefore).toBe('');
		machine.drop();
		expect(calls.at(-1)).toEqual(['move', 'a', null]);
		expect(machine.dragId).toBeNull();
	});
});
