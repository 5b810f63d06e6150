import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { Presence, colorFor } from './presence.svelte';

/** Copies every state of `from` into `to`, as the server would relay them. */
function relay(from: Awareness, to: Awareness) {
	applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...from.getStates().keys()]), 'test');
}

describe('Presence', () => {
	it('lists other users once each, with their colour and the cell they edit', () => {
		const mine = new Awareness(new Y.Doc());
		const me = new Presence({ id: 'u1', name: '李明华' });
		me.attach(mine);

		const tabs = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())];
		const other = tabs.map((a) => {
			const p = new Presence({ id: 'u2', name: '系统管理员' });
			p.attach(a);
			return p;
		});
		other[1].setEditing({ id: 't07', field: 'title' });
		for (const a of tabs) relay(a, mine);

		expect(me.peers).toHaveLength(2);
		expect(me.others.map((p) => p.name)).toEqual(['系统管理员']);
		expect(me.others[0].color).toBe(colorFor('u2'));
		expect(me.editingCells.get('t07:title')?.name).toBe('系统管理员');

		other[1].setEditing(null);
		relay(tabs[1], mine);
		expect(me.editingCells.size).toBe(0);
		me.detach();
	});

	it('gives a user the same colour everywhere', () => {
		expect(colorFor('u-42')).toBe(colorFor('u-42'));
		expect(colorFor('u-42')).toMatch(/^#[0-9a-f]{6}$/);
	});
});

describe('Presence colours', () => {
	it('[Y31] draws only a plain hex colour; anything else becomes the derived colour', () => {
		const mine = new Awareness(new Y.Doc());
		const me = new Presence({ id: 'u1', name: '李明华' });
		me.attach(mine);
		const theirs = new Awareness(new Y.Doc());
		theirs.setLocalState({ user: { id: 'u9', name: '王老师', color: 'url(http://evil.test/x)' }, editing: null });
		relay(theirs, mine);
		expect(me.others[0].color).toBe(colorFor('u9'));
		theirs.setLocalState({ user: { id: 'u9', name: '王老师', color: '#A1b2C3' }, editing: null });
		relay(theirs, mine);
		expect(me.others[0].color).toBe('#A1b2C3');
		me.detach();
	});
});
