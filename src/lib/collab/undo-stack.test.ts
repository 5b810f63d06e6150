import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UndoStack } from './undo-stack';

const LOCAL = Symbol('local');

/** One user's copy of a room: a doc whose undo manager tracks only this user's origin. */
function room() {
	const doc = new Y.Doc();
	const map = doc.getMap<string>('records');
	const manager = new Y.UndoManager([map], { trackedOrigins: new Set([LOCAL]), captureTimeout: 400 });
	return { doc, map, manager, edit: (k: string, v: string) => doc.transact(() => map.set(k, v), LOCAL) };
}

/** Keeps two users' copies of one room in sync, as the server would (a remote origin). */
function link(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote');
	for (const [from, to] of [[a, b], [b, a]]) {
		from.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') Y.applyUpdate(to, u, 'remote');
		});
	}
}

/** Two rooms of this user, their steps ordered by one stack. */
function twoRooms() {
	const a = room();
	const b = room();
	const stack = new UndoStack();
	stack.track(a.manager);
	stack.track(b.manager);
	return { a, b, stack };
}

describe('UndoStack', () => {
	it('[U5] undoes this user’s last edit whichever room it was in, then the one before; redo brings them back in turn', () => {
		const { a, b, stack } = twoRooms();
		// Quick edits: within the capture time, yet each room's edit is a step of its own.
		a.edit('x', 'a1');
		b.edit('x', 'b1');
		a.edit('y', 'a2');
		const seen = () => [a.map.get('x') ?? '-', b.map.get('x') ?? '-', a.map.get('y') ?? '-'].join(' ');
		expect(seen()).toBe('a1 b1 a2');
		stack.undo();
		expect(seen()).toBe('a1 b1 -');
		stack.undo();
		expect(seen()).toBe('a1 - -');
		stack.undo();
		expect(seen()).toBe('- - -');
		expect(stack.canUndo()).toBe(false);
		stack.redo();
		expect(seen()).toBe('a1 - -');
		stack.redo();
		expect(seen()).toBe('a1 b1 -');
		// A new edit ends the redo history in every room.
		b.edit('z', 'b2');
		expect(stack.canRedo()).toBe(false);
		stack.redo();
		expect(seen()).toBe('a1 b1 -');
		stack.undo();
		expect(b.map.get('z')).toBeUndefined();
		expect(seen()).toBe('a1 b1 -');
	});

	it('[U5] a page’s scope undoes only the rooms it edits', () => {
		const { a, b, stack } = twoRooms();
		a.edit('x', 'a1');
		b.edit('x', 'b1');
		expect(stack.canUndo([a.manager])).toBe(true);
		stack.undo([a.manager]);
		expect([a.map.get('x'), b.map.get('x')]).toEqual([undefined, 'b1']);
		expect(stack.canRedo([b.manager])).toBe(false);
		stack.redo([a.manager]);
		expect(a.map.get('x')).toBe('a1');
	});

	it('[U1][U5] another person’s change is never undone, and never enters the history', () => {
		const { a: mine, b: other, stack } = twoRooms();
		const theirs = room();
		link(mine.doc, theirs.doc);
		mine.edit('x', 'mine');
		other.edit('x', 'mine too');
		theirs.edit('y', 'theirs');
		theirs.edit('x', 'theirs later');
		expect(mine.map.get('x')).toBe('theirs later');
		stack.undo();
		stack.undo();
		// My edit of `x` was overwritten by theirs: undoing it leaves theirs in place.
		expect([mine.map.get('x'), mine.map.get('y'), other.map.get('x')]).toEqual(['theirs later', 'theirs', undefined]);
		expect(theirs.map.get('y')).toBe('theirs');
		expect(stack.canUndo()).toBe(false);
	});
});
