import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { migrateDb, openDb, type DbHandle } from '../db/index';
import { appendUpdates, compactRoom, loadDocState, writeDocSnapshot } from './store';

let dir: string;
let h: DbHandle;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'store-'));
	h = await openDb(`file:${join(dir, 't.db')}`);
	await migrateDb(h);
});
afterEach(() => {
	h.client.close();
	rmSync(dir, { recursive: true, force: true });
});

function edit(doc: Y.Doc, key: string, value: string): Uint8Array {
	let captured: Uint8Array | null = null;
	doc.once('update', (u: Uint8Array) => (captured = u));
	doc.getMap('m').set(key, value);
	return captured!;
}

describe('doc store', () => {
	it('[P1] a room loads as snapshot plus log tail, and compaction keeps the same state', async () => {
		const doc = new Y.Doc();
		doc.getMap('m').set('a', '1');
		await writeDocSnapshot(h.db, 'plan:x', doc);
		const u1 = edit(doc, 'b', '2');
		const u2 = edit(doc, 'c', '3');
		await appendUpdates(h.db, [
			{ room: 'plan:x', userId: null, at: 1, update: u1 },
			{ room: 'plan:x', userId: null, at: 2, update: u2 }
		]);
		const before = await loadDocState(h.db, 'plan:x');
		expect(before.tailLength).toBe(2);
		const restored = new Y.Doc();
		Y.applyUpdate(restored, before.state!);
		expect(restored.getMap('m').toJSON()).toEqual({ a: '1', b: '2', c: '3' });

		expect(await compactRoom(h.db, 'plan:x')).toBe(2);
		const after = await loadDocState(h.db, 'plan:x');
		expect(after.tailLength).toBe(0);
		const again = new Y.Doc();
		Y.applyUpdate(again, after.state!);
		expect(again.getMap('m').toJSON()).toEqual({ a: '1', b: '2', c: '3' });
	});

	it('[Y18] overlapping compactions of one room: an older snapshot never replaces a newer one', async () => {
		const doc = new Y.Doc();
		const u = ['a', 'b', 'c'].map((k) => edit(doc, k, k.toUpperCase()));
		const append = (update: Uint8Array) =>
			appendUpdates(h.db, [{ room: 'plan:x', userId: null, at: 1, update }]);
		await append(u[0]);
		await append(u[1]);
		// The first compaction loads entries 1–2, then stalls before writing (a slow disk).
		let reached!: () => void;
		const atBatch = new Promise<void>((r) => (reached = r));
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const slow = Object.create(h.db) as typeof h.db;
		slow.batch = (async (queries: Parameters<typeof h.db.batch>[0]) => {
			reached();
			await gate;
			return h.db.batch(queries);
		}) as unknown as typeof h.db.batch;
		const first = compactRoom(slow, 'plan:x');
		await atBatch;
		// Meanwhile an edit is stored and a second compaction folds all three.
		await append(u[2]);
		expect(await compactRoom(h.db, 'plan:x')).toBe(3);
		release();
		const foldedByFirst = await first;
		const after = await loadDocState(h.db, 'plan:x');
		const restored = new Y.Doc();
		Y.applyUpdate(restored, after.state!);
		expect(restored.getMap('m').toJSON()).toEqual({ a: 'A', b: 'B', c: 'C' });
		expect(after.upToId).toBe(3);
		expect(foldedByFirst).toBe(0);
	});

	it('[P2] an unknown room loads as empty', async () => {
		expect(await loadDocState(h.db, 'plan:none')).toEqual({ state: null, upToId: 0, tailLength: 0 });
	});
});
