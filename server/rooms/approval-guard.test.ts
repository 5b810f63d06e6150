import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApprovalGuard } from './approval-guard';
import { GroupCommitWriter } from './group-commit';
import { WritePath, type WritePeer } from './write-path';
import { parseClientMessage } from '../sync/messages';

class Peer implements WritePeer {
	readonly doc = new Y.Doc();
	constructor(
		readonly userId: string,
		readonly readOnly = false
	) {}
	send(frame: Uint8Array) {
		const m = parseClientMessage(frame);
		if (m.kind === 'update') Y.applyUpdate(this.doc, m.update);
	}
}

const task = (fields: Record<string, unknown>) => {
	const m = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) m.set(k, k === 'deps' ? Y.Array.from(v as string[]) : v);
	return m;
};

/** A plan room's write path whose task `t1` was approved due 2026-03-31 (`t2` removable), and a writer and a reader in sync with it. */
function setup(limits = new Map([['t1', { due: '2026-03-31', removable: false }], ['t2', { due: '2026-04-30', removable: true }]])) {
	const writer = new GroupCommitWriter(async () => {}, { delayMs: 0, log: () => {} });
	const doc = new Y.Doc();
	doc.getMap('tasks').set('t1', task({ title: '成立领导小组', due: '2026-03-20', progress: 10, deps: ['t0'] }));
	doc.getMap('tasks').set('t2', task({ title: '试点', due: '2026-04-30' }));
	const alice = new Peer('alice');
	const bob = new Peer('bob');
	for (const p of [alice, bob]) Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(doc));
	const guard = ApprovalGuard.withLimits(doc, limits);
	const path = new WritePath({ name: 'plan:p1', kind: 'plan', doc, owners: new Map(), peers: new Set([alice, bob]), writer, log: () => {}, guard, onLogged: () => {} });
	/** `alice` edits her copy and sends what changed; resolves once stored and broadcast. */
	const edit = async (change: (tasks: Y.Map<Y.Map<unknown>>) => void) => {
		const before = Y.encodeStateVector(alice.doc);
		change(alice.doc.getMap('tasks') as Y.Map<Y.Map<unknown>>);
		path.applyUpdate(alice, Y.encodeStateAsUpdate(alice.doc, before));
		await path.stored();
		await new Promise((r) => setImmediate(r));
	};
	const due = (d: Y.Doc, id = 't1') => (d.getMap('tasks').get(id) as Y.Map<unknown> | undefined)?.get('due');
	return { doc, alice, bob, edit, due, path };
}

describe('approval guard', () => {
	it('[CR3] a later due of an approved task never takes effect: the server, the reader and the writer all keep the old one', async () => {
		const { doc, alice, bob, edit, due } = setup();
		await edit((t) => t.get('t1')!.set('due', '2026-05-15'));
		expect(due(doc)).toBe('2026-03-20');
		expect(due(bob.doc)).toBe('2026-03-20');
		expect(due(alice.doc)).toBe('2026-03-20');
	});

	it('[CR3] a due up to the approved one, an earlier one, progress and status stay free', async () => {
		const { doc, bob, edit, due } = setup();
		await edit((t) => t.get('t1')!.set('due', '2026-03-31'));
		expect(due(bob.doc)).toBe('2026-03-31');
		await edit((t) => {
			t.get('t1')!.set('due', '2026-03-01');
			t.get('t1')!.set('progress', 80);
			t.get('t1')!.set('status', 'doing');
		});
		expect(due(doc)).toBe('2026-03-01');
		expect((bob.doc.getMap('tasks').get('t1') as Y.Map<unknown>).get('progress')).toBe(80);
	});

	it('[CR3] a cleared or malformed due of an approved task is corrected to the last allowed one', async () => {
		const { doc, bob, edit, due } = setup();
		await edit((t) => t.get('t1')!.set('due', 'someday'));
		expect(due(bob.doc)).toBe('2026-03-20');
		await edit((t) => t.get('t1')!.delete('due'));
		expect(due(doc)).toBe('2026-03-20');
	});

	it('[CR3] deleting an approved task restores it with its fields; a removable one may go', async () => {
		const { doc, bob, edit } = setup();
		await edit((t) => {
			t.delete('t1');
			t.delete('t2');
		});
		const back = doc.getMap('tasks').get('t1') as Y.Map<unknown>;
		expect(back.toJSON()).toEqual({ title: '成立领导小组', due: '2026-03-20', progress: 10, deps: ['t0'] });
		expect((bob.doc.getMap('tasks').get('t1') as Y.Map<unknown>).toJSON()).toEqual(back.toJSON());
		expect(doc.getMap('tasks').has('t2')).toBe(false);
	});

	it('[CR3] a task replaced whole with a later due keeps the allowed due', async () => {
		const { doc, bob, edit, due } = setup();
		await edit((t) => t.set('t1', task({ title: '成立领导小组', due: '2026-06-30' })));
		expect(due(doc)).toBe('2026-03-20');
		expect(due(bob.doc)).toBe('2026-03-20');
	});

	it('[CR3] a server write is held to the same limits; before any approval nothing is corrected', async () => {
		const { doc, path, due } = setup();
		await path.applyLocal('alice', (d) => (d.getMap('tasks').get('t1') as Y.Map<unknown>).set('due', '2026-12-31'));
		expect(due(doc)).toBe('2026-03-20');
		const free = setup(null as never);
		await free.edit((t) => t.get('t1')!.set('due', '2026-12-31'));
		expect(free.due(free.bob.doc)).toBe('2026-12-31');
	});
});
