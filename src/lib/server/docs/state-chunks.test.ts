import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyStateChunks, encodeStateChunks } from './state-chunks';

/** A small deterministic generator (the same docs on every run). */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Three clients editing one document concurrently (maps, nested maps, arrays, text, deletions), synced. */
function editedDoc(seed: number): Y.Doc {
	const r = rng(seed);
	const docs = [1, 2, 3].map((id) => {
		const d = new Y.Doc();
		d.clientID = id * 1000 + seed;
		return d;
	});
	const sync = () => {
		for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	};
	for (let round = 0; round < 30; round++) {
		for (const d of docs) {
			const tasks = d.getMap<Y.Map<unknown>>('tasks');
			const order = d.getArray<string>('order');
			const k = `t${Math.floor(r() * 40)}`;
			d.transact(() => {
				let task = tasks.get(k);
				if (!task || r() < 0.2) {
					task = new Y.Map();
					tasks.set(k, task);
					const deps = new Y.Array<string>();
					task.set('deps', deps);
					task.set('note', new Y.Text());
				}
				task.set('title', `任务 ${round} ${r().toFixed(3)}`);
				task.set('progress', Math.floor(r() * 101));
				const note = task.get('note');
				if (note instanceof Y.Text) {
					note.insert(Math.floor(r() * (note.length + 1)), 'ab'.repeat(1 + Math.floor(r() * 3)));
					if (note.length > 3 && r() < 0.4) note.delete(Math.floor(r() * (note.length - 2)), 2);
				}
				order.insert(Math.floor(r() * (order.length + 1)), [k]);
				if (order.length > 5 && r() < 0.3) order.delete(Math.floor(r() * order.length), 1);
				if (r() < 0.1) tasks.delete(`t${Math.floor(r() * 40)}`);
			});
		}
		if (round % 3 === 0) sync();
	}
	sync();
	return docs[0];
}

describe('state chunks', () => {
	it.each([1, 2, 3, 4])('[Y36] applied in order give the same document, in chunks of a few structs (seed %i)', async (seed) => {
		const doc = editedDoc(seed);
		const chunks = encodeStateChunks(doc, 7);
		expect(chunks.length).toBeGreaterThan(10);
		const rebuilt = new Y.Doc();
		let pauses = 0;
		await applyStateChunks(rebuilt, chunks, Y.encodeStateVector(doc), async () => void pauses++);
		expect(pauses).toBe(chunks.length - 1);
		expect(rebuilt.store.pendingStructs).toBeNull();
		expect(Buffer.compare(Y.encodeStateAsUpdate(rebuilt), Y.encodeStateAsUpdate(doc))).toBe(0);
		expect(rebuilt.getMap('tasks').toJSON()).toEqual(doc.getMap('tasks').toJSON());
		expect(rebuilt.getArray('order').toJSON()).toEqual(doc.getArray('order').toJSON());
	});

	it('[Y36] never leave a chunk pending: each one integrates when applied', () => {
		const doc = editedDoc(9);
		const rebuilt = new Y.Doc();
		for (const chunk of encodeStateChunks(doc, 5)) {
			Y.applyUpdate(rebuilt, chunk);
			expect(rebuilt.store.pendingStructs).toBeNull();
		}
	});

	it('[Y36] a result that differs from the expected state vector is refused, so the caller loads the whole way', async () => {
		const doc = editedDoc(5);
		const chunks = encodeStateChunks(doc, 50);
		await expect(applyStateChunks(new Y.Doc(), chunks.slice(1), Y.encodeStateVector(doc), async () => {})).rejects.toThrow(/pending|state vector/);
	});

	it('[Y36] an empty document is one chunk (its delete set)', async () => {
		const chunks = encodeStateChunks(new Y.Doc());
		expect(chunks).toHaveLength(1);
		await applyStateChunks(new Y.Doc(), chunks, Y.encodeStateVector(new Y.Doc()));
	});
});
