/**
 * What the sync server promises about data: clients converge, an edit a peer has seen is stored
 * (even when the process is killed right after), a restart loses nothing, and the SQL projection
 * and the audit follow the document.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docAudit, tasks } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { appendUpdates, loadDocState, writeDocSnapshot } from '../../src/lib/server/docs/store';
import { writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb, taskFixture } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient, rawSocket, waitFor, type Client } from './sync-clients';

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let leader: { id: string; cookie: string };
let other: { id: string; cookie: string };
const open: Client[] = [];

const task = taskFixture;

async function client(room: string, cookie = leader.cookie): Promise<Client> {
	const c = await connectClient(server.wsUrl, room, cookie);
	open.push(c);
	return c;
}

const taskMap = (c: Client, id: string) => c.doc.getMap<Y.Map<unknown>>('tasks').get(id);

async function newPlan(): Promise<string> {
	const { id } = await makePlan(h);
	await addMember(h, id, leader.id, 'leader');
	await addMember(h, id, other.id, 'leader');
	return id;
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	const a = await makeUser(h);
	const b = await makeUser(h);
	leader = { id: a.id, cookie: await makeSession(h, a.id) };
	other = { id: b.id, cookie: await makeSession(h, b.id) };
	server = await startServer({ databaseUrl: tmp.url, env: { SYNC_UNLOAD_GRACE_MS: '200' } });
});

afterEach(() => {
	for (const c of open.splice(0)) c.destroy();
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

describe('sync durability', () => {
	it('[Y5] two clients editing at once converge to the same document', async () => {
		const room = planRoom(await newPlan());
		const a = await client(room);
		const b = await client(room, other.cookie);
		writeTask(a.doc, task('shared'));
		await waitFor(() => taskMap(b, 'shared') !== undefined);
		for (let i = 0; i < 20; i++) {
			writeTask(a.doc, task(`a${i}`));
			writeTask(b.doc, task(`b${i}`));
			taskMap(a, 'shared')!.set('progress', i);
			taskMap(b, 'shared')!.set('title', `标题 ${i}`);
		}
		// Key order of a Y.Map differs between replicas; compare sorted.
		const canonical = (c: Client) =>
			JSON.stringify(Object.entries(c.doc.getMap('tasks').toJSON()).sort(([x], [y]) => (x < y ? -1 : 1)));
		const same = () => canonical(a) === canonical(b);
		await waitFor(() => same() && a.doc.getMap('tasks').size === 41, 5000, 'convergence');
		expect(taskMap(a, 'shared')!.get('title')).toBe('标题 19');
		expect(taskMap(b, 'shared')!.get('progress')).toBe(19);
	});

	it('[Y10] the tasks table reflects an edit within 2 seconds', async () => {
		const planId = await newPlan();
		const a = await client(planRoom(planId));
		writeTask(a.doc, task('p1'));
		await waitFor(() => taskMap(a, 'p1') !== undefined);
		const started = Date.now();
		taskMap(a, 'p1')!.set('status', 'done');
		const row = async () =>
			(await h.db.select().from(tasks).where(and(eq(tasks.planId, planId), eq(tasks.id, 'p1'))))[0];
		let found;
		while (Date.now() - started < 2000) {
			found = await row();
			if (found?.status === 'done') break;
			await new Promise((r) => setTimeout(r, 25));
		}
		expect(found?.status).toBe('done');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(found).toMatchObject({ title: '任务 p1', phase: 'pilot', progress: 10, deps: [] });
	});

	it('[Y10] a room whose stored document was never projected is projected when it loads', async () => {
		const planId = await newPlan();
		const seeded = new Y.Doc();
		writeTask(seeded, task('seed1'));
		writeTask(seeded, task('seed2'));
		await writeDocSnapshot(h.db, planRoom(planId), seeded);
		await client(planRoom(planId));
		const rows = async () => h.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.planId, planId));
		const started = Date.now();
		while ((await rows()).length < 2 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 25));
		expect((await rows()).map((r) => r.id).sort()).toEqual(['seed1', 'seed2']);
	});

	it('[Y36] a big stored room loads through the fold thread in slices: clients get the whole document, and edits go on', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		const seeded = new Y.Doc();
		seeded.transact(() => {
			for (let i = 0; i < 2500; i++) writeTask(seeded, task(`big${i}`, { title: `第 ${i} 项：完善教研制度，开展跨校听评课与课堂诊断活动` }));
		});
		const state = Y.encodeStateAsUpdate(seeded);
		expect(state.byteLength).toBeGreaterThan(256 * 1024);
		await writeDocSnapshot(h.db, room, seeded);
		const a = await client(room);
		expect(a.doc.getMap('tasks').size).toBe(2500);
		expect(Buffer.compare(Y.encodeStateAsUpdate(a.doc), state)).toBe(0);
		expect(server.output()).not.toContain('sliced load failed');
		const load = server
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as Record<string, unknown>)
			.find((e) => e.event === 'room-load' && e.room === room);
		expect(load?.chunks).toBeGreaterThan(5);
		const b = await client(room);
		a.doc.getMap<Y.Map<unknown>>('tasks').get('big7')!.set('progress', 70);
		await waitFor(() => taskMap(b, 'big7')?.get('progress') === 70, 5000, 'an edit after the sliced load');
		// A later joiner gets the state the thread encoded, then the edits since.
		const c = await client(room);
		await waitFor(() => taskMap(c, 'big7')?.get('progress') === 70, 5000, 'the edit, for a later joiner');
		expect(Buffer.compare(Y.encodeStateVector(c.doc), Y.encodeStateVector(a.doc))).toBe(0);
	});

	it('[Y17] a room whose projection is stale (stored but never projected edit) is projected when it loads', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		const a = await client(room);
		writeTask(a.doc, task('stale'));
		const title = async () =>
			(await h.db.select({ title: tasks.title }).from(tasks).where(and(eq(tasks.planId, planId), eq(tasks.id, 'stale'))))[0]
				?.title;
		let started = Date.now();
		while ((await title()) !== '任务 stale' && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 25));
		expect(await title()).toBe('任务 stale');
		a.destroy();
		// Let the room unload (grace 200 ms), then store an edit as if the server crashed before
		// projecting it: in the log, not in the tasks table.
		await new Promise((r) => setTimeout(r, 1000));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, (await loadDocState(h.db, room)).state!);
		const sv = Y.encodeStateVector(doc);
		doc.getMap<Y.Map<unknown>>('tasks').get('stale')!.set('title', '崩溃前的修改');
		await appendUpdates(h.db, [{ room, userId: leader.id, at: Date.now(), update: Y.encodeStateAsUpdate(doc, sv) }]);
		expect(await title()).toBe('任务 stale');
		const b = await client(room);
		expect(taskMap(b, 'stale')!.get('title')).toBe('崩溃前的修改');
		started = Date.now();
		while ((await title()) !== '崩溃前的修改' && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 25));
		expect(await title()).toBe('崩溃前的修改');
	});

	it('[Y11] an edit leaves an audit row naming the user, the task and the field', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		const a = await client(room, other.cookie);
		writeTask(a.doc, task('audited'));
		await waitFor(() => taskMap(a, 'audited') !== undefined);
		taskMap(a, 'audited')!.set('lead', '张老师');
		const rows = async () =>
			h.db.select().from(docAudit).where(and(eq(docAudit.room, room), eq(docAudit.entityId, 'audited')));
		const started = Date.now();
		while ((await rows()).length < 2 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 25));
		const found = await rows();
		expect(found.map((r) => [r.entity, r.action, r.fields, r.userId])).toEqual([
			['task', 'create', ['*'], other.id],
			['task', 'update', ['lead'], other.id]
		]);
	});

	it('[Y7] a graceful restart closes sockets with GoingAway and keeps every edit', async () => {
		const planId = await newPlan();
		const room = planRoom(planId);
		const a = await client(room);
		const watcher = await rawSocket(server.wsUrl, room, other.cookie);
		for (let i = 0; i < 30; i++) writeTask(a.doc, task(`g${i}`));
		// No waiting for acknowledgement: shutdown itself must store what was accepted.
		await new Promise((r) => setTimeout(r, 50));
		await server.stop();
		expect(await watcher.closed).toBe(1001);
		a.destroy();
		server = await startServer({ databaseUrl: tmp.url, env: { SYNC_UNLOAD_GRACE_MS: '200' } });
		const fresh = await client(room, other.cookie);
		expect(fresh.doc.getMap('tasks').size).toBe(30);
	});

	it('[Y6] kill -9 right after a peer saw an edit loses nothing', async () => {
		// A long commit window: were anything broadcast before it is stored, the kill below would
		// land inside that window and lose it.
		await server.stop();
		server = await startServer({ databaseUrl: tmp.url, env: { SYNC_COMMIT_DELAY_MS: '300' } });
		const planId = await newPlan();
		const room = planRoom(planId);
		const a = await client(room);
		const b = await client(room, other.cookie);
		for (let i = 0; i < 25; i++) writeTask(a.doc, task(`k${i}`));
		taskMap(a, 'k24')!.set('title', '最后一次修改');
		await waitFor(() => taskMap(b, 'k24')?.get('title') === '最后一次修改', 5000, 'the peer to see the edit');
		await server.kill();
		a.destroy();
		b.destroy();
		server = await startServer({ databaseUrl: tmp.url, env: { SYNC_UNLOAD_GRACE_MS: '200' } });
		const fresh = await client(room, other.cookie);
		expect(fresh.doc.getMap('tasks').size).toBe(25);
		expect(taskMap(fresh, 'k24')!.get('title')).toBe('最后一次修改');
	});
});
