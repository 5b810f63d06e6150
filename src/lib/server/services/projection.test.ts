import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { migrateDb, openDb, type DbHandle } from '../db/index';
import { plans, tasks as taskRows } from '../db/schema';
import { tasks } from '../../shared/sync/kinds/plan';
import { projectDoc, type ProjectionMemo } from './projection';
import { taskFixture } from '../../../../tests/helpers/factories';

let dir: string;
let h: DbHandle;
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'qp-proj-'));
	h = await openDb(`file:${join(dir, 'd.db')}`);
	await migrateDb(h);
	await h.db.insert(plans).values([
		{ id: 'p1', title: 'P1', start: '2026-01-01', end: '2026-12-31' },
		{ id: 'p2', title: 'P2', start: '2026-01-01', end: '2026-12-31' }
	]);
});
afterAll(() => {
	h.client.close();
	rmSync(dir, { recursive: true, force: true });
});

const task = taskFixture;

const sqlTasks = async (planId: string) =>
	(await h.db.select().from(taskRows).where(eq(taskRows.planId, planId))).sort((a, b) => a.id.localeCompare(b.id));

/** What a full rewrite of the same document writes: what the diffed projection must equal. */
async function rewritten(doc: Y.Doc): Promise<unknown[]> {
	await projectDoc(h.db, { kind: 'plan', planId: 'p2' }, doc);
	return (await sqlTasks('p2')).map(({ planId: _, ...t }) => t);
}

describe('projection of a live room, with a memo', () => {
	it('writes only the difference and ends where a full rewrite ends', async () => {
		const room = { kind: 'plan', planId: 'p1' } as const;
		const doc = new Y.Doc();
		for (const id of ['t1', 't2', 't3']) expect(tasks.create(doc, task(id)).ok).toBe(true);
		const memo: ProjectionMemo = new Map();
		await projectDoc(h.db, room, doc, memo);
		expect((await sqlTasks('p1')).map((t) => t.id)).toEqual(['t1', 't2', 't3']);

		// A row the document does not have, written behind the projection's back: an unchanged
		// document writes nothing, so it stays (proof that nothing was rewritten) …
		await h.db.insert(taskRows).values({ planId: 'p1', ...task('stray') } as typeof taskRows.$inferInsert);
		await projectDoc(h.db, room, doc, memo);
		expect((await sqlTasks('p1')).map((t) => t.id)).toContain('stray');

		// … and a change, a removal and an addition reach SQL exactly.
		expect(tasks.update(doc, 't1', { title: '改过的标题', progress: 60, deps: ['t3'] }).ok).toBe(true);
		expect(tasks.remove(doc, 't2')).toBe(true);
		expect(tasks.create(doc, task('t4', { due: '2026-06-30' })).ok).toBe(true);
		await projectDoc(h.db, room, doc, memo);
		const rows = (await sqlTasks('p1')).filter((t) => t.id !== 'stray').map(({ planId: _, ...t }) => t);
		expect(rows).toEqual(await rewritten(doc));
		expect(rows.find((t) => t.id === 't1')).toMatchObject({ title: '改过的标题', progress: 60, deps: ['t3'] });

		// Without a memo (a room just loaded) the projection rewrites its scope: the stray row goes.
		await projectDoc(h.db, room, doc);
		expect((await sqlTasks('p1')).map((t) => t.id)).toEqual(['t1', 't3', 't4']);
	});

	it('starts a fresh memo from what SQL holds: current rows are not rewritten, stale ones are fixed', async () => {
		const room = { kind: 'plan', planId: 'p2' } as const;
		const doc = new Y.Doc();
		for (const id of ['s1', 's2', 's3']) tasks.create(doc, task(id, { deps: id === 's3' ? ['s1'] : [] }));
		await projectDoc(h.db, room, doc);
		const written: number[] = [];
		const batch = h.client.batch.bind(h.client);
		h.client.batch = ((statements: Parameters<typeof batch>[0], mode?: Parameters<typeof batch>[1]) => {
			written.push(statements.length);
			return batch(statements, mode);
		}) as typeof h.client.batch;
		try {
			// SQL is current: a room loading now reads it and writes nothing.
			await projectDoc(h.db, room, doc, new Map());
			expect(written).toEqual([]);
			// SQL went stale (a row changed behind the room's back, one extra): exactly those are fixed.
			await h.db.update(taskRows).set({ title: '旧标题' }).where(eq(taskRows.id, 's2'));
			await h.db.insert(taskRows).values({ planId: 'p2', ...task('stray2') } as typeof taskRows.$inferInsert);
			await projectDoc(h.db, room, doc, new Map());
			expect(written).toEqual([3]); // delete s2, delete stray2, insert s2
		} finally {
			h.client.batch = batch;
		}
		expect((await sqlTasks('p2')).map(({ planId: _, ...t }) => t)).toEqual(await rewritten(doc));
	});

	it('leaves the memo as it was when the batch fails, so the next call still has the difference to write', async () => {
		const room = { kind: 'plan', planId: 'no-such-plan' } as const; // foreign key fails
		const doc = new Y.Doc();
		tasks.create(doc, task('x1'));
		const memo: ProjectionMemo = new Map();
		await expect(projectDoc(h.db, room, doc, memo)).rejects.toThrow();
		expect(memo.size).toBe(0);
	});
});

describe('projection of a live room, from the changed records', () => {
	it('[Y34] reads only the records changed since the memo, and ends where a full rewrite ends', async () => {
		const { ChangedRecords } = await import('../../../../server/rooms/changed-records');
		await h.db.insert(plans).values({ id: 'p3', title: 'P3', start: '2026-01-01', end: '2026-12-31' });
		const room = { kind: 'plan', planId: 'p3' } as const;
		const doc = new Y.Doc();
		for (const id of ['r1', 'r2', 'r3']) tasks.create(doc, task(id));
		const changed = new ChangedRecords(doc);
		const memo: ProjectionMemo = new Map();
		await projectDoc(h.db, room, doc, memo, changed.take());
		expect((await sqlTasks('p3')).map((t) => t.id)).toEqual(['r1', 'r2', 'r3']);

		// r3's row goes stale behind the room's back: it is not among the changed records, so it
		// is never read again (proof that only those are), while the changes reach SQL exactly.
		await h.db.update(taskRows).set({ title: '旁改' }).where(eq(taskRows.id, 'r3'));
		tasks.update(doc, 'r1', { title: '改过', progress: 40 });
		(doc.getMap('tasks').get('r1') as Y.Map<Y.Array<string>>).get('deps')?.push(['r2']);
		tasks.remove(doc, 'r2');
		tasks.create(doc, task('r4'));
		const ids = changed.take();
		expect([...(ids?.get('tasks') ?? [])].sort()).toEqual(['r1', 'r2', 'r4']);
		await projectDoc(h.db, room, doc, memo, ids);
		const rows = await sqlTasks('p3');
		expect(rows.map((t) => t.id)).toEqual(['r1', 'r3', 'r4']);
		expect(rows.find((t) => t.id === 'r3')!.title).toBe('旁改');
		const full = new Y.Doc();
		Y.applyUpdate(full, Y.encodeStateAsUpdate(doc));
		const expected = await rewritten(full);
		const asWritten = rows.map(({ planId: _, ...t }) => t).filter((t) => t.id !== 'r3');
		expect(asWritten).toEqual(expected.filter((t) => (t as { id: string }).id !== 'r3'));
		expect(rows.find((t) => t.id === 'r1')).toMatchObject({ title: '改过', progress: 40 });

		// Nothing changed: nothing is read or written.
		const batch = h.client.batch.bind(h.client);
		let writes = 0;
		h.client.batch = ((s: Parameters<typeof batch>[0], mode?: Parameters<typeof batch>[1]) => (writes++, batch(s, mode))) as typeof h.client.batch;
		try {
			await projectDoc(h.db, room, doc, memo, changed.take());
			expect(writes).toBe(0);
		} finally {
			h.client.batch = batch;
		}
		changed.destroy();
	});
});
