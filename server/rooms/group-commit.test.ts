import { describe, expect, it } from 'vitest';
import type { AuditEntry, StoredUpdate } from '../../src/lib/server/docs/storage';
import { GroupCommitWriter } from './group-commit';

const upd = (n: number): StoredUpdate => ({ room: 'plan:p', userId: 'u', at: n, update: new Uint8Array([n]) });

describe('GroupCommitWriter', () => {
	it('[Y6] stores updates arriving within the window as one batch, in order', async () => {
		const batches: number[][] = [];
		const writer = new GroupCommitWriter(
			async (updates) => void batches.push(updates.map((u) => u.at)),
			{ delayMs: 5, log: () => {} }
		);
		await Promise.all([writer.write(upd(1)), writer.write(upd(2)), writer.write(upd(3))]);
		expect(batches).toEqual([[1, 2, 3]]);
	});

	it('[Y6] with no window, groups what arrives while a batch is being stored into the next batch', async () => {
		const batches: number[][] = [];
		let release!: () => void;
		const firstStored = new Promise<void>((r) => (release = r));
		const writer = new GroupCommitWriter(
			async (updates) => {
				batches.push(updates.map((u) => u.at));
				if (batches.length === 1) await firstStored;
			},
			{ delayMs: 0, log: () => {} }
		);
		const first = writer.write(upd(1));
		await new Promise((r) => setImmediate(r)); // the first batch is now in flight (started in a microtask)
		const later = [writer.write(upd(2)), writer.write(upd(3))];
		expect(batches).toEqual([[1]]);
		release();
		await Promise.all([first, ...later]);
		expect(batches).toEqual([[1], [2, 3]]);
	});

	it('[Y6] resolves nothing until a failing store succeeds, retrying with backoff and logging', async () => {
		const lines: string[] = [];
		let calls = 0;
		const stored: AuditEntry[][] = [];
		const writer = new GroupCommitWriter(
			async (_u, audit) => {
				calls++;
				if (calls < 3) throw new Error('disk full');
				stored.push(audit);
			},
			{ delayMs: 1, log: (e, f) => lines.push(JSON.stringify({ e, ...f })), retryBaseMs: 5 }
		);
		let resolved = false;
		const audit: AuditEntry = {
			room: 'plan:p',
			userId: 'u',
			at: 1,
			entity: 'task',
			entityId: 't',
			fields: ['title'],
			action: 'update'
		};
		const p = writer.write(upd(1), [audit]).then(() => (resolved = true));
		await new Promise((r) => setTimeout(r, 8));
		expect(resolved).toBe(false);
		await p;
		expect(calls).toBe(3);
		expect(stored).toEqual([[audit]]);
		expect(lines.filter((l) => l.includes('disk full'))).toHaveLength(2);
	});

	it('flush writes at once and reports a timeout while storage keeps failing', async () => {
		const ok = new GroupCommitWriter(async () => {}, { delayMs: 10_000, log: () => {} });
		void ok.write(upd(1));
		expect(await ok.flush(1000)).toBe(true);
		const failing = new GroupCommitWriter(
			async () => {
				throw new Error('down');
			},
			{ delayMs: 1, log: () => {}, retryBaseMs: 5 }
		);
		void failing.write(upd(1));
		expect(await failing.flush(30)).toBe(false);
		failing.stop();
	});

	it('[Y24] bounds a batch in bytes as well as in count; a single larger update goes alone', async () => {
		const batches: number[][] = [];
		const sized = (n: number, bytes: number): StoredUpdate => ({ ...upd(n), update: new Uint8Array(bytes) });
		const writer = new GroupCommitWriter(async (updates) => void batches.push(updates.map((u) => u.at)), {
			delayMs: 5,
			log: () => {},
			maxBatch: 3,
			maxBatchBytes: 100
		});
		await Promise.all([
			writer.write(sized(1, 40)),
			writer.write(sized(2, 40)),
			writer.write(sized(3, 40)), // 120 bytes: a new batch
			writer.write(sized(4, 500)), // alone, above the bound
			writer.write(sized(5, 1)),
			writer.write(sized(6, 1)),
			writer.write(sized(7, 1)),
			writer.write(sized(8, 1)) // the count bound
		]);
		expect(batches).toEqual([[1, 2], [3], [4], [5, 6, 7], [8]]);
	});

	it('[Y24] a room whose store keeps failing never stalls the others: per-room backoff, status reported', async () => {
		const stored: string[] = [];
		const status: [string, boolean][] = [];
		let broken = true;
		const writer = new GroupCommitWriter(
			async (updates) => {
				if (broken && updates.some((u) => u.room === 'plan:bad')) throw new Error('disk quota of plan:bad');
				stored.push(...updates.map((u) => `${u.room}#${u.at}`));
			},
			{ delayMs: 0, log: () => {}, retryBaseMs: 20, retryMaxMs: 40, onRoomStatus: (room, failing) => status.push([room, failing]) }
		);
		const room = (r: string, n: number): StoredUpdate => ({ ...upd(n), room: r });
		let badDone = 0;
		const bad = [writer.write(room('plan:bad', 1)), writer.write(room('plan:bad', 2))].map((p) => p.then(() => badDone++));
		// Good rooms keep storing, in order, while the bad one backs off.
		await Promise.all([writer.write(room('plan:a', 1)), writer.write(room('plan:b', 1))]);
		for (let i = 2; i <= 5; i++) await writer.write(room('plan:a', i));
		expect(stored).toEqual(['plan:a#1', 'plan:b#1', 'plan:a#2', 'plan:a#3', 'plan:a#4', 'plan:a#5']);
		expect(badDone).toBe(0);
		expect(writer.isFailing('plan:bad')).toBe(true);
		expect(writer.failingRooms).toEqual(['plan:bad']);
		expect(writer.pending).toBe(2);
		broken = false;
		await Promise.all(bad);
		expect(stored.slice(-2)).toEqual(['plan:bad#1', 'plan:bad#2']);
		expect(status).toEqual([
			['plan:bad', true],
			['plan:bad', false]
		]);
		expect(writer.isFailing('plan:bad')).toBe(false);
		expect(await writer.flush(100)).toBe(true);
	});
});
