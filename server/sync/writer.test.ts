import { describe, expect, it } from 'vitest';
import type { AuditEntry, StoredUpdate } from '../../src/lib/server/docs/storage';
import { GroupCommitWriter } from './writer';

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
			{ delayMs: 1, log: (l) => lines.push(l), retryBaseMs: 5 }
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
});
