/**
 * The JSON API and the Excel export against the real server: access rules, shapes, projections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { milestones, pairings, tasks } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { get } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let otherPlanId: string;
let member: string;
let outsider: string;
let admin: string;
let viewerId: string;
let pilotSchool: string;
let plainSchool: string;

/** A task projection row with plausible values. */
const taskRow = (plan: string, id: string, order: string) => ({
	planId: plan,
	id,
	title: `具体任务${id}`,
	workstream: '课堂教学改革',
	phase: 'pilot' as const,
	unit: '教研室',
	lead: '张三',
	start: '2026-03-01',
	due: '2026-06-30',
	status: 'doing' as const,
	progress: 50,
	deps: [] as string[],
	order
});

const ROUTES = ['tasks', 'export.xlsx', 'schools', 'milestones', 'pairings', 'visits'];

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h, { title: '区域教育质量提升/2026' })).id;
	otherPlanId = (await makePlan(h, { title: '另一方案' })).id;
	pilotSchool = (await makeSchool(h, planId, { name: '第一小学', tier: 'strong', pilot: true })).id;
	plainSchool = (await makeSchool(h, planId, { name: '第二小学', tier: 'weak', type: 'rural_center' })).id;
	const viewer = await makeUser(h);
	viewerId = viewer.id;
	await addMember(h, planId, viewer.id, 'viewer');
	member = await makeSession(h, viewer.id);
	outsider = await makeSession(h, (await makeUser(h)).id);
	admin = await makeSession(h, (await makeUser(h, { isAdmin: true })).id);
	const task = (id: string, order: string, extra: Partial<typeof tasks.$inferInsert> = {}) => ({
		...taskRow(planId, id, order),
		...extra
	});
	await h.db.insert(tasks).values([task('t2', 'a2', { deps: ['t1'], status: 'blocked', progress: 5 }), task('t1', 'a1')]);
	const ms = (schoolId: string, id: string, doneOn: string | null) => ({
		planId,
		schoolId,
		id,
		title: `里程碑${id}`,
		phase: 'pilot' as const,
		due: '2026-04-30',
		status: doneOn ? ('done' as const) : ('todo' as const),
		progress: doneOn ? 100 : 0,
		doneOn,
		note: ''
	});
	await h.db.insert(milestones).values([ms(pilotSchool, 'm1', '2026-04-20'), ms(pilotSchool, 'm2', null), ms(plainSchool, 'm3', null)]);
	await h.db.insert(pairings).values({
		id: 'pair1',
		planId,
		strongId: pilotSchool,
		weakId: plainSchool,
		modes: ['teacher_exchange', 'resource_sharing'],
		start: '2026-02-01',
		end: '2026-12-31'
	});
	server = await startServer({ databaseUrl: tmp.url });
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('HTTP and auth: JSON API', () => {
	it('[H17] GET /healthz answers {"ok":true}', async () => {
		const res = await get(server, '/healthz');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});

	it('[H13] GET /api/plans is 401 without a session, the member’s plans with one, all for an admin', async () => {
		expect((await get(server, '/api/plans')).status).toBe(401);
		const mine = await get(server, '/api/plans', member);
		expect(mine.status).toBe(200);
		expect(await mine.json()).toEqual([{ id: planId, title: '区域教育质量提升/2026', start: '2026-01-01', end: '2026-12-31' }]);
		expect(await (await get(server, '/api/plans', outsider)).json()).toEqual([]);
		const all = (await (await get(server, '/api/plans', admin)).json()) as { id: string }[];
		expect(all.map((p) => p.id).sort()).toEqual([planId, otherPlanId].sort());
	});

	it.each(ROUTES)('[H13] /api/plans/:planId/%s is 401 signed out, 403 for a non-member, 404 for an unknown plan', async (route) => {
		expect((await get(server, `/api/plans/${planId}/${route}`)).status).toBe(401);
		expect((await get(server, `/api/plans/${planId}/${route}`, outsider)).status).toBe(403);
		expect((await get(server, `/api/plans/${otherPlanId}/${route}`, member)).status).toBe(403);
		expect((await get(server, `/api/plans/no-such-plan/${route}`, member)).status).toBe(404);
		expect((await get(server, `/api/plans/${planId}/${route}`, member)).status).toBe(200);
	});

	it('[H13] tasks come from the projection in table order with deps as an array', async () => {
		const body = await (await get(server, `/api/plans/${planId}/tasks`, member)).json();
		expect(body.map((t: { id: string }) => t.id)).toEqual(['t1', 't2']);
		expect(body[1]).toEqual({
			id: 't2',
			title: '具体任务t2',
			workstream: '课堂教学改革',
			phase: 'pilot',
			unit: '教研室',
			lead: '张三',
			start: '2026-03-01',
			due: '2026-06-30',
			status: 'blocked',
			progress: 5,
			deps: ['t1'],
			order: 'a2'
		});
	});

	it('[H22] a stored date that is not a real day leaves the API as null', async () => {
		const bad = (await makePlan(h)).id;
		const school = (await makeSchool(h, bad, { pilot: true, tier: 'strong' })).id;
		const weak = (await makeSchool(h, bad, { tier: 'weak' })).id;
		await addMember(h, bad, viewerId, 'viewer');
		await h.db.insert(tasks).values({ ...taskRow(bad, 'tb', 'a1'), start: 'not-a-date', due: '' });
		await h.db.insert(milestones).values({ planId: bad, schoolId: school, id: 'mb', title: 'm', phase: 'pilot', due: '2026-02-30', status: 'done', progress: 100, doneOn: 'yesterday', note: '' });
		await h.db.insert(pairings).values({ id: 'pb', planId: bad, strongId: school, weakId: weak, modes: [], start: '2026-1-1', end: 'never' });
		const [t] = await (await get(server, `/api/plans/${bad}/tasks`, member)).json();
		expect([t.start, t.due]).toEqual([null, null]);
		const [m] = await (await get(server, `/api/plans/${bad}/milestones`, member)).json();
		expect([m.due, m.doneOn]).toEqual([null, null]);
		const [p] = await (await get(server, `/api/plans/${bad}/pairings`, member)).json();
		expect([p.start, p.end]).toEqual([null, null]);
	});

	it('[H13] schools, pilot milestones and pairings have the contract’s shapes', async () => {
		const schools = await (await get(server, `/api/plans/${planId}/schools`, member)).json();
		expect(schools).toContainEqual({ id: pilotSchool, name: '第一小学', type: 'urban_quality', tier: 'strong', pilot: true });
		expect(schools).toContainEqual({ id: plainSchool, name: '第二小学', type: 'rural_center', tier: 'weak', pilot: false });
		const ms = await (await get(server, `/api/plans/${planId}/milestones`, member)).json();
		expect(ms).toEqual([
			{ schoolId: pilotSchool, id: 'm1', title: '里程碑m1', phase: 'pilot', due: '2026-04-30', status: 'done', progress: 100, doneOn: '2026-04-20', note: '' },
			{ schoolId: pilotSchool, id: 'm2', title: '里程碑m2', phase: 'pilot', due: '2026-04-30', status: 'todo', progress: 0, note: '' }
		]);
		const ps = await (await get(server, `/api/plans/${planId}/pairings`, member)).json();
		expect(ps).toEqual([
			{
				id: 'pair1',
				strong: pilotSchool,
				weak: plainSchool,
				modes: ['teacher_exchange', 'resource_sharing'],
				start: '2026-02-01',
				end: '2026-12-31',
				// contract v2
				target: 0,
				ended: null,
				confirmedThisSemester: 0,
				lastConfirmedVisit: null,
				silent: expect.any(Boolean)
			}
		]);
	});

	it('[H7] export.xlsx is a workbook with the Chinese task breakdown headers, labels and a frozen header', async () => {
		const res = await get(server, `/api/plans/${planId}/export.xlsx`, member);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const disposition = res.headers.get('content-disposition')!;
		expect(disposition).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
		expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('区域教育质量提升_2026-任务分解表.xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.getWorksheet('任务分解表')!;
		expect(ws).toBeDefined();
		expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
			'序号', '重点任务', '具体任务', '责任单位', '牵头人', '开始时间', '完成时限', '阶段', '状态', '进度'
		]);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		const row = ws.getRow(3);
		expect(row.getCell(1).value).toBe(2);
		expect(row.getCell(2).value).toBe('课堂教学改革');
		expect(row.getCell(3).value).toBe('具体任务t2');
		expect((row.getCell(6).value as Date).toISOString().slice(0, 10)).toBe('2026-03-01');
		expect(row.getCell(8).value).toBe('试点推进');
		expect(row.getCell(9).value).toBe('受阻');
		expect(row.getCell(10).value).toBe(0.05);
		expect(row.getCell(10).numFmt).toBe('0%');
		expect(ws.getColumn(3).width).toBeGreaterThan(20);
	});
});
