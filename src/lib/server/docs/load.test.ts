import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactRoom } from './compaction';
import { loadRoomState, rebuildAsChunks, SLICED_LOAD_BYTES } from './load';
import { MemoryDocStorage } from './memory-storage';
import { encodeVerifiedSnapshot } from './rebuild';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../../../tests/fixtures', name)));

function edits(keys: string[]): Uint8Array[] {
	const doc = new Y.Doc();
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	for (const k of keys) doc.getMap('tasks').set(k, k);
	return out;
}

const upd = (update: Uint8Array) => ({ room: 'plan:x', userId: 'u', at: 1, update });

describe('loading a room that holds bad entries', () => {
	it('[P4] the unloadable snapshot fixture is quarantined with a log line; the log tail loads', async () => {
		const snapshot = fixture('unloadable-snapshot.bin');
		expect(() => Y.applyUpdate(new Y.Doc(), snapshot)).toThrow();
		const storage = new MemoryDocStorage();
		await storage.replace('plan:x', snapshot);
		await storage.append(edits(['a', 'b']).map(upd));
		const lines: string[] = [];
		const loaded = await loadRoomState(storage, 'plan:x', (l) => lines.push(l));
		expect(loaded.doc.getMap('tasks').toJSON()).toEqual({ a: 'a', b: 'b' });
		expect(loaded.quarantined.map((q) => q.source)).toEqual(['snapshot']);
		expect(lines.join('\n')).toMatch(/snapshot .*does not load.*quarantined/);
		const [q] = await storage.listQuarantine();
		expect([q.room, q.source, q.byteLength]).toEqual(['plan:x', 'snapshot', snapshot.byteLength]);
		// Moved, not copied: the next load is clean.
		expect((await loadRoomState(storage, 'plan:x', () => {})).quarantined).toEqual([]);
	});

	it('[P4] one bad log entry loses only itself, also when it breaks the merged load', async () => {
		const storage = new MemoryDocStorage();
		const [a, b, c] = edits(['a', 'b', 'c']);
		await storage.append([upd(a), upd(b), upd(fixture('unloadable-snapshot.bin')), upd(c)]);
		const loaded = await loadRoomState(storage, 'plan:x', () => {});
		expect(loaded.doc.getMap('tasks').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' });
		expect(loaded.quarantined.map((q) => q.source)).toEqual(['update']);
		expect(loaded.tailLength).toBe(3);
	});
});

/** A snapshot of `n` tasks with long titles: a room big enough for the sliced load. */
function bigSnapshot(n: number): Uint8Array {
	const doc = new Y.Doc();
	const tasks = doc.getMap<Y.Map<unknown>>('tasks');
	doc.transact(() => {
		for (let i = 0; i < n; i++) {
			const t = new Y.Map<unknown>();
			t.set('title', `第 ${i} 项任务：完善教研制度，开展跨校听评课活动`);
			t.set('progress', i % 101);
			tasks.set(`t${i}`, t);
		}
	});
	return Y.encodeStateAsUpdate(doc);
}

describe('loading a big room in slices', () => {
	it('[Y36] a big room is rebuilt elsewhere and applied in slices; bad entries are quarantined as in one go', async () => {
		const storage = new MemoryDocStorage();
		const snapshot = bigSnapshot(3000);
		expect(snapshot.byteLength).toBeGreaterThan(SLICED_LOAD_BYTES);
		await storage.replace('plan:x', snapshot);
		const [a] = edits(['a']);
		await storage.append([upd(a), upd(fixture('unloadable-snapshot.bin'))]);
		let rebuiltElsewhere = 0;
		const loaded = await loadRoomState(storage, 'plan:x', () => {}, undefined, async (stored) => {
			rebuiltElsewhere++;
			return rebuildAsChunks(stored);
		});
		expect(rebuiltElsewhere).toBe(1);
		const tasks = loaded.doc.getMap<unknown>('tasks');
		expect(tasks.size).toBe(3001);
		expect(tasks.get('a')).toBe('a');
		expect(loaded.quarantined.map((q) => q.source)).toEqual(['update']);
		expect(loaded.tailLength).toBe(1);
		expect((await storage.listQuarantine()).map((q) => q.source)).toEqual(['update']);
	});

	it('[Y36] when the thread fails, the room loads in one go, with a log line', async () => {
		const storage = new MemoryDocStorage();
		await storage.replace('plan:x', bigSnapshot(3000));
		const lines: string[] = [];
		const loaded = await loadRoomState(storage, 'plan:x', (l) => lines.push(l), undefined, async () => {
			throw new Error('fold thread exited');
		});
		expect(loaded.doc.getMap('tasks').size).toBe(3000);
		expect(lines.join('\n')).toMatch(/sliced load failed \(fold thread exited\); loading in one go/);
	});

	it('[Y36] a small room does not go to the thread', async () => {
		const storage = new MemoryDocStorage();
		await storage.append(edits(['a', 'b']).map(upd));
		const loaded = await loadRoomState(storage, 'plan:x', () => {}, undefined, async () => {
			throw new Error('not expected');
		});
		expect(loaded.doc.getMap('tasks').toJSON()).toEqual({ a: 'a', b: 'b' });
	});
});

describe('compaction', () => {
	it('[P3] a snapshot is written only once it reproduces the document; a bad entry is quarantined, not folded away', async () => {
		const storage = new MemoryDocStorage();
		const [a, b] = edits(['a', 'b']);
		await storage.append([upd(a), upd(fixture('unloadable-snapshot.bin')), upd(b)]);
		expect(await compactRoom(storage, 'plan:x')).toBe(2);
		const after = await storage.load('plan:x');
		expect(after.tail).toEqual([]);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, after.snapshot!.state);
		expect(doc.getMap('tasks').toJSON()).toEqual({ a: 'a', b: 'b' });
		expect((await storage.listQuarantine()).map((q) => q.source)).toEqual(['update']);
	});

	it('[P3] the verified snapshot of a document decodes to the same state vector and bytes', () => {
		const doc = new Y.Doc();
		doc.getMap('tasks').set('a', new Y.Map());
		doc.getMap('tasks').delete('a');
		const snap = encodeVerifiedSnapshot(doc);
		expect(snap.ok).toBe(true);
	});
});
