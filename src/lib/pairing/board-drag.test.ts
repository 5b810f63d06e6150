import { describe, expect, it } from 'vitest';
import { BoardDrag } from './board-drag';

function data(initial = '') {
	let text = initial;
	return { setData: (_type: string, v: string) => void (text = v), getData: () => text };
}

describe('BoardDrag', () => {
	it('[B4] a weak school dragged onto a strong card is the one to pair, and the drag ends', () => {
		let editable = true;
		const state = { dragging: null, over: null };
		const drag = new BoardDrag(state, () => editable);
		const dt = data();
		drag.start('w1', dt);
		expect(dt.getData()).toBe('w1');
		expect(drag.enter('s1')).toBe(true);
		expect(drag.isOver('s1')).toBe(true);
		drag.leave('s2');
		expect(drag.isOver('s1')).toBe(true);
		drag.leave('s1');
		expect(state.over).toBeNull();
		drag.enter('s2');
		expect(drag.drop(dt)).toBe('w1');
		expect(state).toEqual({ dragging: null, over: null });
		// A reader, or nothing dragged, never pairs.
		editable = false;
		drag.start('w2', data());
		expect(drag.enter('s1')).toBe(false);
		expect(drag.drop(data('w2'))).toBeNull();
		editable = true;
		expect(drag.enter('s1')).toBe(false);
		expect(drag.drop(data())).toBeNull();
	});

	it('[B4] a drop reads the dragged school from the drop’s data when the page lost it', () => {
		const drag = new BoardDrag({ dragging: null, over: null }, () => true);
		expect(drag.drop(data('w3'))).toBe('w3');
		drag.start('w4', null);
		expect(drag.drop(null)).toBe('w4');
		drag.start('w5', data());
		drag.end();
		expect(drag.dragging).toBeNull();
	});
});
