/**
 * Reporting cycles and supervision notices against the real server (contract v2 `reports`,
 * `notices`; [RC4], [SN1]–[SN3]): shapes, permissions, bad input naming its fields, idempotent
 * resends, and the notices' way from open to closed as the task comes back on track.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import * as Y from 'yjs';
import { users } from '../../src/lib/server/db/schema';
import { writeDocSnapshot } from '../../src/lib/server/docs/store';
import { writeMilestone, writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom, schoolRoom } from '../../src/lib/shared/sync/protocol';
import { notices, reports } from '../../src/lib/server/db/supervision-schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { registerUnits } from '../../src/lib/server/services/units';
import { addDays, todayInShanghai } from '../../src/lib/shared/plan/dates';
import type { Role } from '../../src/lib/shared/plan/types';
import { get, postJson } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let pilot: string;
let otherPilot: string;
let unitId: string;
const as: Record<string, string> = {};
const today = todayInShanghai();

async function person(role: Role, schoolId: string | null = null, units: string[] = []) {
	const u = await makeUser(h);
	await addMember(h, planId, u.id, role, schoolId);
	if (units.length) await h.db.update(users).set({ units }).where(eq(users.id, u.id));
	return makeSession(h, u.id);
}

const base = { workstream: '', phase: 'pilot' as const, unit: '教研室', lead: '', status: 'doing' as const, deps: [] };

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h, { start: addDays(today, -200), end: addDays(today, 200) })).id;
	pilot = (await makeSchool(h, planId, { pilot: true, name: '试点一校' })).id;
	otherPilot = (await makeSchool(h, planId, { pilot: true, name: '试点二校' })).id;
	await makeSchool(h, planId, { pilot: false });
	unitId = (await registerUnits(h.db, planId, ['教研室', '基教科'])).find((u) => u.name === '教研室')!.id;
	const plan = new Y.Doc();
	writeTask(plan, { ...base, id: 'late', title: '逾期任务', start: addDays(today, -60), due: addDays(today, -5), progress: 30, order: 'a1' });
	writeTask(plan, { ...base, id: 'slow', title: '滞后任务', start: addDays(today, -50), due: addDays(today, 50), progress: 0, order: 'a2' });
	writeTask(plan, { ...base, id: 'fine', title: '正常任务', start: addDays(today, -10), due: addDays(today, 100), progress: 50, order: 'a3' });
	await writeDocSnapshot(h.db, planRoom(planId), plan);
	const school = new Y.Doc();
	writeMilestone(school, { id: 'm1', title: '试点课例', phase: 'pilot', due: addDays(today, -3), status: 'doing', progress: 20, note: '' });
	await writeDocSnapshot(h.db, schoolRoom(planId, pilot), school);
	as.leader = await person('leader');
	as.viewer = await person('viewer');
	as.staff = await person('viewer', null, ['教研室']);
	as.coordinator = await person('coordinator', pilot);
	as.otherCoordinator = await person('coordinator', otherPilot);
	as.outsider = await makeSession(h, (await makeUser(h)).id);
	server = await startServer({ databaseUrl: tmp.url });
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

const api = (p: string) => `/api/plans/${planId}${p}`;
let key = 0;
const nextKey = () => `k-${++key}`;

describe('[RC4] reports', () => {
	it('the current cycle lists every unit and pilot school, all missing at first', async () => {
		const res = await get(server, api('/reports/current'), as.viewer);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.cycle.start <= today && today <= body.cycle.end).toBe(true);
		expect(Object.keys(body.cycle).sort()).toEqual(['due', 'end', 'id', 'start']);
		const listed = body.reporters.map((r: { name: string; kind: string; status: string }) => [r.name, r.kind, r.status]);
		expect(listed.slice(0, 2)).toEqual([
			['教研室', 'unit', 'missing'],
			['基教科', 'unit', 'missing']
		]);
		expect(listed.slice(2).sort()).toEqual([
			['试点一校', 'school', 'missing'],
			['试点二校', 'school', 'missing']
		]);
		expect((await get(server, api('/reports/current'))).status).toBe(401);
		expect((await get(server, api('/reports/current'), as.outsider)).status).toBe(403);
	});

	it('a unit member sends a nil report once, however often the phone resends it', async () => {
		const { cycle } = await (await get(server, api('/reports/current'), as.staff)).json();
		const body = { cycleId: cycle.id, reporterId: unitId, nil: true };
		const k = nextKey();
		const first = await postJson(server, api('/reports'), body, { cookie: as.staff, key: k });
		expect(first.status).toBe(201);
		const again = await postJson(server, api('/reports'), body, { cookie: as.staff, key: k });
		expect(again.status).toBe(201);
		expect((await again.json()).id).toBe((await first.json()).id);
		const rows = await h.db.select().from(reports).where(eq(reports.reporterId, unitId));
		expect(rows).toHaveLength(1);
		const status = await (await get(server, api('/reports/current'), as.viewer)).json();
		expect(status.reporters.find((r: { id: string }) => r.id === unitId).status).toBe('nil');
	});

	it('a resubmission revises the report; a coordinator reports for their own school only', async () => {
		const { cycle } = await (await get(server, api('/reports/current'), as.staff)).json();
		const full = { cycleId: cycle.id, reporterId: unitId, progress: '完成两次教研', problems: '', nextSteps: '下周听课' };
		expect((await postJson(server, api('/reports'), full, { cookie: as.staff, key: nextKey() })).status).toBe(201);
		const rows = await h.db.select().from(reports).where(eq(reports.reporterId, unitId));
		expect(rows.map((r) => [r.nil, r.progress])).toEqual([[false, '完成两次教研']]);
		const school = { cycleId: cycle.id, reporterId: pilot, nil: true };
		expect((await postJson(server, api('/reports'), school, { cookie: as.coordinator, key: nextKey() })).status).toBe(201);
		expect((await postJson(server, api('/reports'), school, { cookie: as.otherCoordinator, key: nextKey() })).status).toBe(403);
		expect((await postJson(server, api('/reports'), school, { cookie: as.viewer, key: nextKey() })).status).toBe(403);
		expect((await postJson(server, api('/reports'), { ...school, reporterId: otherPilot }, { cookie: as.leader, key: nextKey() })).status).toBe(201);
	});

	it('bad reports are 400s naming the fields; no Idempotency-Key is a 400 too', async () => {
		const { cycle } = await (await get(server, api('/reports/current'), as.staff)).json();
		const bad = async (body: unknown, fields: string[], opts: { raw?: string; key?: string | null } = {}) => {
			const res = await postJson(server, api('/reports'), body, { cookie: as.leader, key: opts.key === null ? undefined : (opts.key ?? nextKey()), raw: opts.raw });
			expect(res.status).toBe(400);
			expect((await res.json()).fields).toEqual(fields);
		};
		await bad({ cycleId: 'c-1999-01-04', reporterId: unitId, nil: true }, ['cycleId']);
		await bad({ cycleId: cycle.id, reporterId: 'nobody', nil: true }, ['reporterId']);
		await bad({ cycleId: cycle.id, reporterId: unitId }, ['progress']);
		await bad({ cycleId: cycle.id, reporterId: unitId, nil: true, progress: 'x' }, ['nil']);
		await bad({ cycleId: cycle.id, reporterId: unitId, progress: 7 }, ['progress']);
		await bad({ cycleId: cycle.id, reporterId: unitId, progress: 'x'.repeat(5000) }, ['progress']);
		await bad(null, ['body'], { raw: '{"cycleId":' });
		await bad(null, ['body'], { raw: '[1]' });
		await bad({ cycleId: cycle.id, reporterId: unitId, nil: true }, ['Idempotency-Key'], { key: null });
		const noOrigin = await fetch(server.url + api('/reports'), {
			method: 'POST',
			headers: { cookie: as.leader, 'content-type': 'application/json', 'idempotency-key': nextKey() },
			body: JSON.stringify({ cycleId: cycle.id, reporterId: unitId, nil: true })
		});
		expect(noOrigin.status).toBe(403);
	});

	it('only leaders set the rhythm; a bad rhythm names its fields', async () => {
		const put = (body: unknown, cookie: string) =>
			fetch(server.url + api('/reports/settings'), { method: 'PUT', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const rhythm = { cadence: 'monthly', dueWeekday: 5, anchor: addDays(today, -30), units: true, schools: false };
		expect((await put(rhythm, as.staff)).status).toBe(403);
		const bad = await put({ ...rhythm, cadence: 'daily', dueWeekday: 9 }, as.leader);
		expect((await bad.json()).fields).toEqual(['cadence', 'dueWeekday']);
		expect((await put(rhythm, as.leader)).status).toBe(200);
		const current = await (await get(server, api('/reports/current'), as.viewer)).json();
		expect(current.cycle.id).toBe(`c-${today.slice(0, 8)}01`);
		expect(current.reporters.every((r: { kind: string }) => r.kind === 'unit')).toBe(true);
		expect((await put({ ...rhythm, cadence: 'weekly', schools: true }, as.leader)).status).toBe(200);
	});
});

describe('[SN1]–[SN3] notices', () => {
	const issue = (body: object, cookie = as.leader) => postJson(server, api('/notices'), body, { cookie });
	const replyBy = addDays(today, 3);

	it('[SN1] a leader issues red on an overdue task, yellow on a behind one, 409 on one on track', async () => {
		const red = await issue({ taskId: 'late', replyBy, message: '请说明逾期原因' });
		expect(red.status).toBe(201);
		expect(await red.json()).toMatchObject({ level: 'red', status: 'open', unit: '教研室' });
		const yellow = await issue({ taskId: 'slow', replyBy, message: '请加快进度' });
		expect(await yellow.json()).toMatchObject({ level: 'yellow', status: 'open' });
		const fine = await issue({ taskId: 'fine', replyBy, message: '无' });
		expect(fine.status).toBe(409);
		const ms = await issue({ schoolId: pilot, milestoneId: 'm1', replyBy, message: '请补交' });
		expect(await ms.json()).toMatchObject({ level: 'red', status: 'open', target: 'milestone', schoolId: pilot });
	});

	it('[SN1] only leaders issue; bad notices name their fields', async () => {
		expect((await issue({ taskId: 'late', replyBy, message: 'x' }, as.staff)).status).toBe(403);
		expect((await issue({ taskId: 'late', replyBy, message: 'x' }, as.viewer)).status).toBe(403);
		const bad = async (body: object, fields: string[]) => {
			const res = await issue(body);
			expect(res.status).toBe(400);
			expect((await res.json()).fields).toEqual(fields);
		};
		await bad({ taskId: 'nope', replyBy, message: 'x' }, ['taskId']);
		await bad({ taskId: 'late', replyBy: '2026-02-30', message: '' }, ['replyBy', 'message']);
		await bad({ taskId: 'late', replyBy: addDays(today, -1), message: 'x' }, ['replyBy']);
		await bad({ schoolId: 'elsewhere', milestoneId: 'm1', replyBy, message: 'x' }, ['schoolId']);
		await bad({ schoolId: pilot, milestoneId: 'zz', replyBy, message: 'x' }, ['milestoneId']);
		await bad({ replyBy, message: 'x' }, ['schoolId', 'milestoneId']);
	});

	it('[SN3] notices reach the unit’s and the school’s attention lists, not others’', async () => {
		const staff = await (await get(server, '/api/me/attention', as.staff)).json();
		expect(staff.filter((i: { kind: string }) => i.kind === 'notice').map((i: { title: string }) => i.title).sort()).toEqual(['滞后任务', '逾期任务']);
		const coord = await (await get(server, '/api/me/attention', as.coordinator)).json();
		expect(coord.filter((i: { kind: string }) => i.kind === 'notice').map((i: { title: string; schoolId: string }) => [i.title, i.schoolId])).toEqual([['试点课例', pilot]]);
		const other = await (await get(server, '/api/me/attention', as.otherCoordinator)).json();
		expect(other.some((i: { kind: string }) => i.kind === 'notice')).toBe(false);
		const mine = await (await get(server, api('/notices'), as.otherCoordinator)).json();
		expect(mine).toEqual([]);
	});

	it('[SN2] answered after the reply, closed once the task is back on track, and it stays closed', async () => {
		const list = await (await get(server, api('/notices'), as.viewer)).json();
		const late = list.find((n: { taskId: string }) => n.taskId === 'late');
		const reply = (cookie: string, text = '已安排补课') => postJson(server, api(`/notices/${late.id}/reply`), { text }, { cookie });
		expect((await reply(as.coordinator)).status).toBe(403);
		expect((await reply(as.viewer)).status).toBe(403);
		expect((await reply(as.staff, '  ')).status).toBe(400);
		const answered = await reply(as.staff);
		expect(answered.status).toBe(200);
		expect((await answered.json()).status).toBe('answered');
		const patch = await fetch(server.url + api('/tasks/late'), {
			method: 'PATCH',
			headers: { cookie: as.leader, origin: server.url, 'content-type': 'application/json' },
			body: JSON.stringify({ due: addDays(today, 30), progress: 90 })
		});
		expect(patch.status).toBe(200);
		const after = (await (await get(server, api('/notices'), as.viewer)).json()).find((n: { id: string }) => n.id === late.id);
		expect(after.status).toBe('closed');
		const [row] = await h.db.select().from(notices).where(eq(notices.id, late.id));
		expect(row.closedAt).not.toBeNull();
		expect((await reply(as.staff)).status).toBe(409);
		const staff = await (await get(server, '/api/me/attention', as.staff)).json();
		expect(staff.filter((i: { kind: string }) => i.kind === 'notice').map((i: { title: string }) => i.title)).toEqual(['滞后任务']);
	});
});

describe('responsible units', () => {
	const patch = (body: unknown, cookie: string, id = unitId) =>
		fetch(server.url + api(`/units/${id}`), { method: 'PATCH', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it('lists the registry; only leaders add or rename; a taken or empty name is refused', async () => {
		const list = await (await get(server, api('/units'), as.viewer)).json();
		expect(list.map((u: { name: string }) => u.name)).toEqual(['教研室', '基教科']);
		expect((await postJson(server, api('/units'), { name: '电教馆' }, { cookie: as.staff })).status).toBe(403);
		expect((await postJson(server, api('/units'), { name: '电教馆' }, { cookie: as.leader })).status).toBe(201);
		expect((await patch({ name: '教研中心' }, as.staff)).status).toBe(403);
		expect((await (await patch({ name: '' }, as.leader)).json()).fields).toEqual(['name']);
		expect((await patch({ name: '基教科' }, as.leader)).status).toBe(409);
		expect((await patch({ name: '教研中心' }, as.leader, 'nope')).status).toBe(404);
	});

	it('a rename carries the name to the live tasks, the members’ units and the notices', async () => {
		const res = await patch({ name: '教研中心' }, as.leader);
		expect(res.status).toBe(200);
		expect((await res.json()).tasks).toBe(3);
		const tasks = await (await get(server, api('/tasks'), as.viewer)).json();
		expect(tasks.every((t: { unit: string }) => t.unit === '教研中心')).toBe(true);
		const staff = await (await get(server, '/api/me/attention', as.staff)).json();
		expect(staff.some((i: { kind: string }) => i.kind === 'notice')).toBe(true);
		const notices = await (await get(server, api('/notices'), as.viewer)).json();
		expect(notices.filter((n: { target: string }) => n.target === 'task').every((n: { unit: string }) => n.unit === '教研中心')).toBe(true);
		const current = await (await get(server, api('/reports/current'), as.viewer)).json();
		expect(current.reporters.find((r: { id: string }) => r.id === unitId).name).toBe('教研中心');
	});
});
