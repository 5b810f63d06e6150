import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactRoom, foldStored } from '../../src/lib/server/docs/compaction';
import { FoldThread } from './fold-thread';
import { MemoryDocStorage } from '../../src/lib/server/docs/memory-storage';

const bad = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/unloadable-snapshot.bin')));
const upd = (update: Uint8Array) => ({ room: 'plan:x', userId: 'u', at: 1, update });

function edits(n: number): Uint8Array[] {
	const doc = new Y.Doc();
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	for (let i = 0; i < n; i++) doc.getMap('tasks').set(`t${i}`, `任务 ${i}`);
	return out;
}

const thread = new FoldThread();
afterAll(() => thread.close());

describe('compaction on the fold thread', () => {
	it('[P3] folds to the same proven snapshot as inline, and reports the same bad entry', async () => {
		const tail = [...edits(50), bad].map((update, i) => ({ id: i + 1, update }));
		const inline = foldStored({ snapshot: null, tail });
		const threaded = await thread.fold({ snapshot: null, tail });
		expect(threaded.snapshot.ok).toBe(true);
		expect(threaded).toEqual(inline);
		expect(threaded.bad.map((b) => [b.source, b.entryId])).toEqual([['update', 51]]);
	});

	it('[P3] compactRoom through the thread writes the snapshot and quarantines the bad entry', async () => {
		const storage = new MemoryDocStorage();
		const [a, b] = edits(2);
		await storage.append([upd(a), upd(bad), upd(b)]);
		expect(await compactRoom(storage, 'plan:x', () => {}, Date.now(), thread.fold)).toBe(2);
		const after = await storage.load('plan:x');
		expect(after.tail).toEqual([]);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, after.snapshot!.state);
		expect(doc.getMap('tasks').toJSON()).toEqual({ t0: '任务 0', t1: '任务 1' });
		expect((await storage.listQuarantine()).map((q) => q.source)).toEqual(['update']);
	});
});
