/**
 * The one contract every `DocStorage` backend keeps (tldraw's storage contract suite, here for
 * live rooms). Call it from a backend's test file with a factory for a fresh, empty storage.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStorage, StoredUpdate } from './storage';

export interface StorageHandle {
	storage: DocStorage;
	dispose?: () => void | Promise<void>;
}

function edits(n: number): Uint8Array[] {
	const doc = new Y.Doc();
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i}`, i);
	return out;
}

const upd = (room: string, update: Uint8Array, at = 1): StoredUpdate => ({ room, userId: 'u1', at, update });

export function storageContractSuite(name: string, open: () => Promise<StorageHandle>): void {
	const withStorage = (body: (s: DocStorage) => Promise<void>) => async () => {
		const h = await open();
		try {
			await body(h.storage);
		} finally {
			await h.dispose?.();
		}
	};

	describe(`DocStorage contract: ${name}`, () => {
		it('[P2] an unknown room loads as empty', withStorage(async (s) => {
			const loaded = await s.load('plan:none');
			expect(loaded.snapshot).toBeNull();
			expect(loaded.tail).toEqual([]);
			expect([...loaded.owners]).toEqual([]);
		}));

		it('[P1] appended updates load back in order, per room, with growing ids', withStorage(async (s) => {
			const [a, b, c] = edits(3);
			await s.append([upd('plan:x', a), upd('plan:y', b)]);
			await s.append([upd('plan:x', c)]);
			const x = await s.load('plan:x');
			expect(x.tail.map((e) => [...e.update])).toEqual([[...a], [...c]]);
			expect(x.tail[0].id).toBeLessThan(x.tail[1].id);
			expect((await s.load('plan:y')).tail.map((e) => [...e.update])).toEqual([[...b]]);
		}));

		it('[P1] compaction stores the snapshot and drops exactly the entries it covers', withStorage(async (s) => {
			const u = edits(3);
			await s.append([upd('plan:x', u[0]), upd('plan:x', u[1])]);
			const before = await s.load('plan:x');
			await s.append([upd('plan:x', u[2])]);
			const folded = await s.compact('plan:x', { state: u[1], upToId: before.tail[1].id });
			expect(folded).toBe(2);
			const after = await s.load('plan:x');
			expect([...after.snapshot!.state]).toEqual([...u[1]]);
			expect(after.tail.map((e) => [...e.update])).toEqual([[...u[2]]]);
		}));

		it('[Y18] an older snapshot never replaces a newer one', withStorage(async (s) => {
			const u = edits(3);
			await s.append(u.map((x) => upd('plan:x', x)));
			const ids = (await s.load('plan:x')).tail.map((e) => e.id);
			expect(await s.compact('plan:x', { state: u[2], upToId: ids[2] })).toBe(3);
			expect(await s.compact('plan:x', { state: u[0], upToId: ids[0] })).toBe(0);
			const after = await s.load('plan:x');
			expect(after.snapshot!.upToId).toBe(ids[2]);
			expect([...after.snapshot!.state]).toEqual([...u[2]]);
		}));

		it('[Y19] client-id owners load with the room, and the first owner of an id stays', withStorage(async (s) => {
			const [a] = edits(1);
			await s.append([upd('plan:x', a)], [], [
				{ room: 'plan:x', clientId: 7, userId: 'u1', at: 1 },
				{ room: 'plan:x', clientId: 8, userId: null, at: 1 }
			]);
			await s.append([], [], [{ room: 'plan:x', clientId: 7, userId: 'u2', at: 2 }]);
			const loaded = await s.load('plan:x');
			expect(loaded.owners.get(7)).toBe('u1');
			expect(loaded.owners.get(8)).toBeNull();
			expect((await s.load('plan:y')).owners.size).toBe(0);
		}));

		it('[P4] quarantine moves a snapshot or a log entry aside and lists it', withStorage(async (s) => {
			const u = edits(3);
			await s.replace('plan:x', u[0]);
			await s.append([upd('plan:x', u[1]), upd('plan:x', u[2])]);
			const { tail } = await s.load('plan:x');
			await s.quarantine('plan:x', [
				{ source: 'snapshot', entryId: null, bytes: u[0], error: 'Unexpected case' },
				{ source: 'update', entryId: tail[0].id, bytes: u[1], error: 'bad' }
			], 1000);
			const after = await s.load('plan:x');
			expect(after.snapshot).toBeNull();
			expect(after.tail.map((e) => e.id)).toEqual([tail[1].id]);
			const listed = await s.listQuarantine();
			expect(listed.map((q) => [q.room, q.source, q.entryId, q.byteLength, q.error])).toEqual(
				expect.arrayContaining([
					['plan:x', 'snapshot', null, u[0].byteLength, 'Unexpected case'],
					['plan:x', 'update', tail[0].id, u[1].byteLength, 'bad']
				])
			);
		}));

		it('replace sets the whole state and drops the log', withStorage(async (s) => {
			const u = edits(2);
			await s.append([upd('plan:x', u[0])]);
			await s.replace('plan:x', u[1]);
			const after = await s.load('plan:x');
			expect([...after.snapshot!.state]).toEqual([...u[1]]);
			expect(after.tail).toEqual([]);
		}));
	});
}
