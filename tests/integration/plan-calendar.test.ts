/**
 * The plan year's school calendar against the real server ([WD2], [WD4]): every member reads it,
 * admins and leaders replace it, bad input is a 400 naming its fields, working days count the
 * published holidays and 调休, and a year without data says it knows weekends only.
 */
import { describe, expect, it } from 'vitest';
import { makeMemberSession, makePlan, makeSchool, makeSession, makeUser } from '../helpers/factories';
import { serverSuite } from '../helpers/suite';
import { knownSemesters, planDayCounter, WEEKENDS_ONLY_SOURCE } from '../../src/lib/server/services/plan-calendar';
import { CALENDAR_DAYS } from '../../src/lib/shared/calendar/day-counter';
import { semesterOf } from '../../src/lib/shared/pairing/health';
import { get, postJson } from './auth-helpers';

let planId: string;
const as: Record<string, string> = {};
const suite = serverSuite(async (h) => {
	planId = (await makePlan(h, { start: '2026-01-01', end: '2026-12-31' })).id;
	const pilot = (await makeSchool(h, planId, { pilot: true })).id;
	as.leader = await makeMemberSession(h, planId, 'leader');
	as.viewer = await makeMemberSession(h, planId, 'viewer');
	as.coordinator = await makeMemberSession(h, planId, 'coordinator', { schoolId: pilot });
	as.outsider = await makeSession(h, (await makeUser(h)).id);
});

const api = (p: string) => `/api/plans/${planId}${p}`;
const put = (p: string, body: unknown, cookie: string) => postJson(suite.server, api(p), body, { cookie, method: 'PUT' });
const count = async (from: string, to: string, cookie = as.viewer) => (await (await get(suite.server, api(`/working-days?from=${from}&to=${to}`), cookie)).json()).count;

describe('[WD4] GET /api/plans/:planId/calendar', () => {
	it('every member reads the published 2026 holidays, their source and the default semesters', async () => {
		const res = await get(suite.server, api('/calendar?year=2026'), as.coordinator);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.year).toBe(2026);
		expect(body.source).toContain('国务院办公厅');
		expect(body.semesters).toEqual([
			{ name: '春季学期', start: '2026-03-02', end: '2026-07-10' },
			{ name: '秋季学期', start: '2026-09-01', end: '2027-01-22' }
		]);
		expect(body.days).toContainEqual({ date: '2026-02-16', kind: 'holiday', name: '春节' });
		expect(body.days).toContainEqual({ date: '2026-02-14', kind: 'makeup', name: '春节' });
	});
	it('a year without data says only weekends are known', async () => {
		const body = await (await get(suite.server, api('/calendar?year=2031'), as.viewer)).json();
		expect(body).toMatchObject({ year: 2031, source: WEEKENDS_ONLY_SOURCE, weekendsOnly: true, days: [] });
		expect(body.semesters[1]).toEqual({ name: '秋季学期', start: '2031-09-01', end: '2032-01-20' });
	});
	it('outsiders get 403, no session 401, a bad year 400 naming it', async () => {
		expect((await get(suite.server, api('/calendar?year=2026'), as.outsider)).status).toBe(403);
		expect((await get(suite.server, api('/calendar?year=2026'))).status).toBe(401);
		const res = await get(suite.server, api('/calendar?year=26'), as.viewer);
		expect(res.status).toBe(400);
		expect((await res.json()).fields).toEqual(['year']);
	});
});

describe('[WD4] PUT /api/plans/:planId/calendar', () => {
	const body = {
		source: '区教育局2027年校历',
		semesters: [{ name: '春季学期', start: '2027-02-22', end: '2027-07-09' }],
		days: [
			{ date: '2027-04-05', kind: 'holiday', name: '清明节' },
			{ date: '2027-04-10', kind: 'makeup', name: '调休' }
		]
	};
	it('viewers and coordinators get 403 and change nothing', async () => {
		expect((await put('/calendar?year=2027', body, as.viewer)).status).toBe(403);
		expect((await put('/calendar?year=2027', body, as.coordinator)).status).toBe(403);
		expect((await (await get(suite.server, api('/calendar?year=2027'), as.viewer)).json()).weekendsOnly).toBe(true);
	});
	it('a leader replaces the year, which every member then reads and counts', async () => {
		const res = await put('/calendar?year=2027', body, as.leader);
		expect(res.status).toBe(200);
		const read = await (await get(suite.server, api('/calendar?year=2027'), as.viewer)).json();
		expect(read).toEqual({ year: 2027, source: body.source, weekendsOnly: false, semesters: body.semesters, days: body.days });
		// Mon 04-05 off, Sat 04-10 worked: the week still holds five working days.
		expect(await count('2027-04-05', '2027-04-11')).toBe(5);
	});
	it('bad input is a 400 naming the fields', async () => {
		const res = await put(
			'/calendar?year=2027',
			{ source: '', semesters: [{ name: '', start: '2027-03-01', end: '2027-02-01' }], days: [{ date: '2027-04-10', kind: 'holiday', name: '' }] },
			as.leader
		);
		expect(res.status).toBe(400);
		expect((await res.json()).fields).toEqual(['semesters[0].name', 'semesters[0].end', 'days[0].kind']);
		const malformed = await postJson(suite.server, api('/calendar?year=2027'), null, { cookie: as.leader, method: 'PUT', raw: '{' });
		expect(malformed.status).toBe(400);
	});
});

describe('[WD2] GET /api/plans/:planId/working-days', () => {
	it('counts across the Spring Festival 2026 and its 调休 Saturdays', async () => {
		expect(await count('2026-02-09', '2026-03-01')).toBe(11);
		expect(await count('2026-02-15', '2026-02-23')).toBe(0);
		expect(await count('2026-09-19', '2026-09-20')).toBe(1);
	});
	it('spans years, each with its own calendar', async () => {
		// 2026-12-28..2027-01-03 has no published 2027 data: five weekdays.
		expect(await count('2026-12-28', '2027-01-03')).toBe(5);
	});
	it('bad or missing dates are a 400 naming the field; outsiders 403', async () => {
		const res = await get(suite.server, api('/working-days?from=2026-02-30'), as.viewer);
		expect(res.status).toBe(400);
		expect((await res.json()).fields).toEqual(['from', 'to']);
		expect((await get(suite.server, api('/working-days?from=2026-01-01&to=2026-01-31'), as.outsider)).status).toBe(403);
	});
});

describe('day-count setting', () => {
	it('defaults to calendar days; a leader sets working days, a viewer may not', async () => {
		expect(await (await get(suite.server, api('/calendar/settings'), as.viewer)).json()).toEqual({ dayCount: 'calendar' });
		expect((await put('/calendar/settings', { dayCount: 'working' }, as.viewer)).status).toBe(403);
		const bad = await put('/calendar/settings', { dayCount: 'weeks' }, as.leader);
		expect(bad.status).toBe(400);
		expect((await bad.json()).fields).toEqual(['dayCount']);
		expect((await put('/calendar/settings', { dayCount: 'working' }, as.leader)).status).toBe(200);
		expect(await (await get(suite.server, api('/calendar/settings'), as.coordinator)).json()).toEqual({ dayCount: 'working' });
	});

	it('[WD8] the server counts the plan\'s days as its setting says, from the plan calendar', async () => {
		expect((await put('/calendar/settings', { dayCount: 'calendar' }, as.leader)).status).toBe(200);
		expect(await planDayCounter(suite.h.db, planId)).toBe(CALENDAR_DAYS);
		expect((await put('/calendar/settings', { dayCount: 'working' }, as.leader)).status).toBe(200);
		const days = await planDayCounter(suite.h.db, planId);
		expect(days.kind).toBe('working');
		expect(days.span('2026-02-09', '2026-02-27')).toBe(await count('2026-02-09', '2026-02-27'));
		expect(days.span('2026-02-09', '2026-02-27')).toBe(10);
	});
});

describe('[B5] semesters of the plan calendar', () => {
	it('the summer holidays belong to the spring semester just ended', async () => {
		const known = await knownSemesters(suite.h.db, planId, '2026-08-15');
		expect(semesterOf('2026-08-15', known)).toMatchObject({ key: '2026-spring', start: '2026-03-02', end: '2026-07-10' });
	});
});
