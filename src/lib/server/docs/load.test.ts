import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactRoom } from './compaction';
import { loadRoomState } from './load';
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
