/**
 * Pilot schools against the real server: the registry's actions, milestone templates applied
 * through the live rooms, and the attention list, each with who may and may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { schools, users } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { writeDocSnapshot } from '../../src/lib/server/docs/store';
import { writeMilestone, writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom, schoolRoom } from '../../src/lib/shared/sync/protocol';
import { get, postForm } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let urban: string;
let rural: string;
const cookies: Record<string, string> = {};

const json = (path: string, body: unknown, cookie: string) =>
	fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: server.url }, body: JSON.stringify(body) });

async function milestonesOf(schoolId: string) {
	const res = await get(server, `/api/plans/${planId}/milestones`, cookies.viewer);
	return ((await res.json()) as { schoolId: string; id: string; title: string }[]).filter((m) => m.schoolId === schoolId);
}

async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
	let v = await read();
	for (let i = 0; i < 40 && !done(v); i++) {
		await new Promise((r) => setTimeout(r, 100));
		v = await read();
	}
	return v;
}

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	urban = (await makeSchool(h, planId, { name: '城区小学', pilot: true, type: 'urban_quality' })).id;
	rural = (await makeSchool(h, planId, { name: '乡村小学', pilot: true, type: 'rural_center' })).id;
	for (const [name, role, school] of [
		['leader', 'leader', null],
		['viewer', 'viewer', null],
		['coordinator', 'coordinator', urban]
	] as const) {
		const u = await makeUser(h, { displayName: name === 'viewer' ? '王老师' : undefined });
		await addMember(h, planId, u.id, role, school);
		cookies[name] = await makeSession(h, u.id);
		cookies[`${name}Id`] = u.id;
	}
	// A plan with templates; each school has one overdue milestone of its own.
	const plan = new Y.Doc();
	const tpl = (id: string, types: string[]) => {
		const m = new Y.Map<unknown>();
		for (const [k, v] of Object.entries({ title: `模板${id}`, phase: 'pilot', due: '2026-05-31', order: 0 })) m.set(k, v);
		m.set('types', Y.Array.from(types));
		plan.getMap('milestoneTemplates').set(id, m);
	};
	tpl('a', []);
	tpl('b', ['rural_center']);
	writeTask(plan, { id: 't1', title: '王老师牵头的任务', workstream: '课程', phase: 'pilot', unit: '教研室', lead: '王老师', start: '2026-01-01', due: '2026-01-31', status: 'doing', progress: 10, deps: [], order: 'a0' });
	await writeDocSnapshot(h.db, planRoom(planId), plan);
	for (const s of [urban, rural]) {
		const doc = new Y.Doc();
		writeMilestone(doc, { id: 'late', title: `逾期${s}`, phase: 'pilot', due: '2026-01-15', status: 'doing', progress: 20, note: '' });
		await writeDocSnapshot(h.db, schoolRoom(planId, s), doc);
	}
	server = await startServer({ databaseUrl: tmp.url });
	// Load the school rooms once so their projection exists.
	await json(`/api/plans/${planId}/milestone-templates/apply`, { schoolId: 'none' }, cookies.leader);
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('milestone templates', () => {
	it('[M1] applying twice adds each template once per fitting school, and readers may not apply', async () => {
		expect((await json(`/api/plans/${planId}/milestone-templates/apply`, {}, cookies.viewer)).status).toBe(403);
		expect((await json(`/api/plans/${planId}/milestone-templates/apply`, {}, cookies.coordinator)).status).toBe(403);
		expect((await json(`/api/plans/${planId}/milestone-templates/apply`, { schoolType: 'castle' }, cookies.leader)).status).toBe(400);
		let res = await json(`/api/plans/${planId}/milestone-templates/apply`, {}, cookies.leader);
		expect(await res.json()).toEqual({ schools: 2, created: 3 });
		res = await json(`/api/plans/${planId}/milestone-templates/apply`, {}, cookies.leader);
		expect(await res.json()).toEqual({ schools: 2, created: 0 });
		const ruralList = await poll(() => milestonesOf(rural), (l) => l.length === 3);
		expect(ruralList.map((m) => m.id).sort()).toEqual(['late', 'tpl-a', 'tpl-b']);
		expect((await poll(() => milestonesOf(urban), (l) => l.length === 2)).map((m) => m.id).sort()).toEqual(['late', 'tpl-a']);
	});
});

describe('attention list', () => {
	it('[A2] a coordinator sees their own school’s milestones only; a lead their tasks; 401 signed out', async () => {
		expect((await get(server, '/api/me/attention')).status).toBe(401);
		const mine = await (await get(server, '/api/me/attention', cookies.coordinator)).json();
		expect(mine.length).toBeGreaterThan(0);
		// their school's milestones, and its cycle report while missing ([SN3], [RC4])
		expect(mine.every((i: { kind: string; schoolId: string }) => ['milestone', 'report'].includes(i.kind) && i.schoolId === urban)).toBe(true);
		expect(mine.find((i: { id: string }) => i.id === 'late')).toMatchObject({ state: 'overdue', planId, title: `逾期${urban}` });
		const lead = await (await get(server, '/api/me/attention', cookies.viewer)).json();
		expect(lead).toEqual([{ kind: 'task', planId, id: 't1', title: '王老师牵头的任务', due: '2026-01-31', state: 'overdue', schoolId: null }]);
		const steering = await (await get(server, '/api/me/attention', cookies.leader)).json();
		const schoolsSeen = steering.filter((i: { kind: string }) => i.kind === 'milestone').map((i: { schoolId: string }) => i.schoolId);
		expect(new Set(schoolsSeen)).toEqual(new Set([rural, urban]));
	});

	it('[A2] tasks of a user’s units reach them', async () => {
		await h.db.update(users).set({ units: ['教研室'] }).where(eq(users.id, cookies.coordinatorId));
		const mine = await (await get(server, '/api/me/attention', cookies.coordinator)).json();
		expect(mine.some((i: { kind: string; id: string }) => i.kind === 'task' && i.id === 't1')).toBe(true);
	});
});

describe('schools registry', () => {
	it('[N1] leaders add and edit schools; readers and coordinators are refused', async () => {
		const fields = { name: '新建实验学校', type: 'new', tier: 'weak', township: '河西镇', pilot: 'on' };
		expect((await postForm(server, `/plans/${planId}/schools?/save`, fields, { cookie: cookies.viewer })).status).toBe(403);
		expect((await postForm(server, `/plans/${planId}/schools?/save`, fields, { cookie: cookies.coordinator })).status).toBe(403);
		const res = await postForm(server, `/plans/${planId}/schools?/save`, fields, { cookie: cookies.leader });
		expect(res.status).toBeLessThan(400);
		const [row] = await h.db.select().from(schools).where(eq(schools.name, '新建实验学校'));
		expect(row).toMatchObject({ type: 'new', tier: 'weak', township: '河西镇', pilot: true });
		const bad = await postForm(server, `/plans/${planId}/schools?/save`, { ...fields, id: row.id, name: '' }, { cookie: cookies.leader });
		// A script's form post gets SvelteKit's action result: a failure naming the field.
		expect(await bad.json()).toMatchObject({ type: 'failure', status: 400 });
		// Editing keeps the id, so the school's live room and milestones stay.
		await postForm(server, `/plans/${planId}/schools?/save`, { ...fields, id: urban, name: '城区小学（东校区）' }, { cookie: cookies.leader });
		const [edited] = await h.db.select().from(schools).where(eq(schools.id, urban));
		expect(edited.name).toBe('城区小学（东校区）');
		expect((await milestonesOf(urban)).length).toBe(2);
	});
});
