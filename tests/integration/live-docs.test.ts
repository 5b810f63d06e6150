/**
 * The live-documents layer against the real server: server-side writes through the sync path,
 * the one-time upgrade of stored documents of an older shape, pairings moving from SQL rows into
 * their room, and documents holding bad values that every reader survives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { docAudit, docUpdates, pairings, tasks as tasksTable } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { writeDocSnapshot } from '../../src/lib/server/docs/store';
import { goalsCollection, readIndicators, tasksCollection, writePhase, writeTask } from '../../src/lib/shared/plan/doc';
import { pairingsRoom, planRoom } from '../../src/lib/shared/sync/protocol';
import { connectClient, waitFor } from './sync-clients';
import { get } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let legacyPlanId: string;
let leader: string;
let leaderId: string;
let viewer: string;

const task = (id: string, order: string) => ({
	id,
	title: `任务${id}`,
	workstream: '课程建设',
	phase: 'launch' as const,
	unit: '教研室',
	lead: '张三',
	start: '2026-01-10',
	due: '2026-02-20',
	status: 'doing' as const,
	progress: 30,
	deps: [] as string[],
	order
});

type ApiTask = { id: string; due: string; progress: number; status: string };

/** The API's tasks once `done` holds of them (or after 3 s). */
async function pollTasks(plan: string, done: (tasks: ApiTask[]) => boolean): Promise<ApiTask[]> {
	let tasks: ApiTask[] = [];
	for (let i = 0; i < 30; i++) {
		tasks = await (await get(server, `/api/plans/${plan}/tasks`, viewer)).json();
		if (done(tasks)) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	return tasks;
}

function patch(path: string, body: unknown, cookie: string) {
	return fetch(server.url + path, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', cookie, origin: server.url },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	legacyPlanId = (await makePlan(h, { title: '旧数据方案' })).id;
	const lead = await makeUser(h);
	leaderId = lead.id;
	const view = await makeUser(h);
	for (const p of [planId, legacyPlanId]) {
		await addMember(h, p, lead.id, 'leader');
		await addMember(h, p, view.id, 'viewer');
	}
	leader = await makeSession(h, lead.id);
	viewer = await makeSession(h, view.id);

	const doc = new Y.Doc();
	writePhase(doc, { key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' });
	writeTask(doc, task('t1', 'a1'));
	writeTask(doc, task('t2', 'a2'));
	// Values a modified client with write access could have stored.
	const bad = doc.getMap<Y.Map<unknown>>('tasks').get('t2')!;
	bad.set('due', 'not-a-date');
	bad.set('progress', { lots: true });
	bad.set('status', 42);
	bad.set('deps', 'nope');
	doc.getMap('tasks').set('junk', 'not a map');
	await writeDocSnapshot(h.db, planRoom(planId), doc);

	// A plan document written before indicators had their own maps.
	const legacy = new Y.Doc();
	const g = new Y.Map<unknown>();
	g.set('title', '学生发展质量显著提升');
	g.set('order', 1);
	g.set('indicators', [{ id: 'g1-1', name: '国家课程学业达标率', op: '>=', target: 98, unit: '%' }]);
	legacy.getMap('goals').set('g1', g);
	await writeDocSnapshot(h.db, planRoom(legacyPlanId), legacy);

	// Pairings as relational rows only, as the demo and earlier versions wrote them.
	const strong = await makeSchool(h, legacyPlanId, { name: '实验小学', tier: 'strong' });
	const weak = await makeSchool(h, legacyPlanId, { name: '乡村小学', tier: 'weak' });
	await h.db.insert(pairings).values({
		id: 'pr-old',
		planId: legacyPlanId,
		strongId: strong.id,
		weakId: weak.id,
		modes: ['cadre_rotation', 'bogus'],
		start: '2026-03-01',
		end: '2026-12-31'
	});

	server = await startServer({ databaseUrl: tmp.url });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('server-side writes', () => {
	it('[K5] an API edit reaches a connected client, stored and audited as the acting user', async () => {
		const client = await connectClient(server.wsUrl, planRoom(planId), viewer);
		try {
			const res = await patch(`/api/plans/${planId}/tasks/t1`, { progress: 100 }, leader);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ id: 't1', progress: 100, offer: { status: 'done' } });
			await waitFor(() => tasksCollection.read(client.doc, 't1')?.progress === 100, 5000, 'the edit to arrive');
			const audit = await h.db
				.select()
				.from(docAudit)
				.where(and(eq(docAudit.room, planRoom(planId)), eq(docAudit.entityId, 't1')));
			expect(audit.some((a) => a.userId === leaderId && a.fields.includes('progress'))).toBe(true);
			const stored = await h.db.select().from(docUpdates).where(eq(docUpdates.room, planRoom(planId)));
			expect(stored.some((u) => u.userId === leaderId)).toBe(true);
			// The SQL projection follows within 2 s ([Y10]).
			const api = await pollTasks(planId, (tasks) => tasks.find((t) => t.id === 't1')?.progress === 100);
			expect(api.find((t) => t.id === 't1')?.progress).toBe(100);
		} finally {
			client.destroy();
		}
	});

	it('[K5][E1] an API edit breaking a rule is a 400 naming the field; a reader gets 403', async () => {
		let res = await patch(`/api/plans/${planId}/tasks/t1`, { due: '2026-01-01' }, leader);
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: 'due_before_start', fields: ['due'] });
		res = await patch(`/api/plans/${planId}/tasks/t1`, { colour: 'red' }, leader);
		expect((await res.json()).fields).toEqual(['colour']);
		res = await patch(`/api/plans/${planId}/tasks/t1`, '{not json', leader);
		expect(await res.json()).toEqual({ error: 'invalid_body', fields: ['body'] });
		res = await patch(`/api/plans/${planId}/tasks/missing`, { progress: 1 }, leader);
		expect(res.status).toBe(404);
		res = await patch(`/api/plans/${planId}/tasks/t1`, { progress: 1 }, viewer);
		expect(res.status).toBe(403);
	});
});

describe('documents of an older shape', () => {
	it('[K2] a stored plan document with indicator arrays is upgraded once, as a stored change', async () => {
		const client = await connectClient(server.wsUrl, planRoom(legacyPlanId), viewer);
		try {
			await waitFor(() => readIndicators(client.doc).length === 1, 5000, 'upgraded indicators');
			expect(readIndicators(client.doc)[0]).toMatchObject({ id: 'g1-1', group: 'g1', target: 98 });
			expect(goalsCollection.map(client.doc).get('g1')!.has('indicators')).toBe(false);
		} finally {
			client.destroy();
		}
		const stored = await h.db.select().from(docUpdates).where(eq(docUpdates.room, planRoom(legacyPlanId)));
		expect(stored.length).toBeGreaterThan(0);
		expect(stored.every((u) => u.userId === null)).toBe(true);
	});

	it('[K2] pairings stored as SQL rows move into the pairings room on its first load', async () => {
		const client = await connectClient(server.wsUrl, pairingsRoom(legacyPlanId), viewer);
		try {
			await waitFor(() => client.doc.getMap('pairings').size === 1, 5000, 'migrated pairing');
			const p = client.doc.getMap<Y.Map<unknown>>('pairings').get('pr-old')!;
			expect((p.get('modes') as Y.Array<string>).toArray()).toEqual(['cadre_rotation']);
		} finally {
			client.destroy();
		}
		const res = await get(server, `/api/plans/${legacyPlanId}/pairings`, viewer);
		expect((await res.json()).map((p: { id: string }) => p.id)).toEqual(['pr-old']);
	});
});

describe('bad values', () => {
	it('[K4] a document with wrong-typed values breaks no reader: API, export and pages answer', async () => {
		// Loading the room projects it.
		const client = await connectClient(server.wsUrl, planRoom(planId), viewer);
		client.destroy();
		const tasks = await pollTasks(planId, (list) => list.some((t) => t.id === 't2'));
		const t2 = tasks.find((t) => t.id === 't2')!;
		expect(t2).toMatchObject({ progress: 0, status: 'todo' });
		expect(tasks.some((t) => t.id === 'junk')).toBe(false);
		const xlsx = await get(server, `/api/plans/${planId}/export.xlsx`, viewer);
		expect(xlsx.status).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await xlsx.arrayBuffer());
		expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(3);
		for (const page of ['', '/tasks', '/gantt']) {
			expect((await get(server, `/plans/${planId}${page}`, viewer)).status).toBe(200);
		}
	});
});

describe('one read rule', () => {
	it('[K6] with the room open, the tasks API, the schedule and the export read the live document, not the trailing projection', async () => {
		// A second instance on the same database whose projection waits long: only the live
		// document can hold an edit made a moment ago.
		const slow = await startServer({ databaseUrl: h.url, env: { SYNC_PROJECT_DEBOUNCE_MS: '30000', SYNC_PROJECT_MAX_WAIT_MS: '30000', SYNC_PROJECT_LOAD_DELAY_MS: '30000' } });
		const plan = (await makePlan(h, { title: '读取规则方案' })).id;
		await addMember(h, plan, leaderId, 'leader');
		const seed = new Y.Doc();
		writePhase(seed, { key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' });
		writeTask(seed, task('r1', 'a1'));
		await writeDocSnapshot(h.db, planRoom(plan), seed);
		const client = await connectClient(slow.wsUrl, planRoom(plan), leader);
		try {
			client.doc.transact(() => tasksCollection.update(client.doc, 'r1', { title: '刚刚改过的标题', due: '2026-03-01' }));
			// Stored before broadcast: once the server has it, a second client sees it.
			const other = await connectClient(slow.wsUrl, planRoom(plan), leader);
			await waitFor(() => tasksCollection.read(other.doc, 'r1')?.title === '刚刚改过的标题', 5000, 'the edit reached the room');
			other.destroy();
			const api = (await (await get(slow, `/api/plans/${plan}/tasks`, leader)).json()) as { id: string; title: string }[];
			expect(api.find((t) => t.id === 'r1')?.title).toBe('刚刚改过的标题');
			// Slack: the phase ends 03-31, the task is now due 03-01 (it was 02-20: 39 days).
			const schedule = (await (await get(slow, `/api/plans/${plan}/schedule`, leader)).json()) as { tasks: { id: string; slack: number }[] };
			expect(schedule.tasks.find((t) => t.id === 'r1')?.slack).toBe(30);
			const csv = await (await get(slow, `/api/plans/${plan}/export.csv`, leader)).text();
			expect(csv).toContain('刚刚改过的标题');
			// The projection itself has not run yet: the rule, not a fast projection, gave the answer.
			const [row] = await h.db.select({ title: tasksTable.title }).from(tasksTable).where(eq(tasksTable.id, 'r1'));
			expect(row?.title ?? null).not.toBe('刚刚改过的标题');
		} finally {
			client.destroy();
			await slow.stop();
		}
	});
});
