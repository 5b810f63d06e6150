/** Secret calendar feeds against the real server: create, read as iCalendar, revoke. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { milestones, pairings, visits } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { get, send } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let coordinator: string;
let leader: string;

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	const planId = (await makePlan(h)).id;
	const mine = (await makeSchool(h, planId, { name: '城关一小', pilot: true, tier: 'strong' })).id;
	const theirs = (await makeSchool(h, planId, { name: '河西小学', pilot: true, tier: 'weak' })).id;
	const ms = (schoolId: string, id: string, title: string, due: string) => ({
		planId, schoolId, id, title, phase: 'pilot' as const, due, status: 'todo' as const, progress: 0, doneOn: null, note: '备注, 含逗号'
	});
	await h.db.insert(milestones).values([
		ms(mine, 'm1', '完成课堂诊断报告', '2026-04-30'),
		ms(theirs, 'm2', '河西的里程碑', '2026-05-15')
	]);
	await h.db.insert(pairings).values({ id: 'p1', planId, strongId: mine, weakId: theirs, modes: ['teacher_exchange'], start: '2026-01-01', end: '2026-12-31' });
	const c = await makeUser(h);
	await addMember(h, planId, c.id, 'coordinator', mine);
	coordinator = await makeSession(h, c.id);
	const l = await makeUser(h);
	await addMember(h, planId, l.id, 'leader');
	leader = await makeSession(h, l.id);
	await h.db.insert(visits).values([{
		id: 'v1', planId, pairingId: 'p1', date: '2026-03-20', hostId: mine, visitorId: theirs, kind: 'lesson_observation',
		participants: 6, topic: '听评课', summary: '', createdBy: l.id, idempotencyKey: 'k1', status: 'confirmed'
	}, {
		id: 'v2', planId, pairingId: 'p1', date: '2026-04-20', hostId: mine, visitorId: theirs, kind: 'joint_research',
		participants: 4, topic: '计划中的联合教研', summary: '', createdBy: l.id, idempotencyKey: 'k2', status: 'planned'
	}, {
		id: 'v3', planId, pairingId: 'p1', date: '2026-03-25', hostId: mine, visitorId: theirs, kind: 'other',
		participants: 2, topic: '待确认的交流', summary: '', createdBy: l.id, idempotencyKey: 'k3', status: 'logged'
	}]);
	server = await startServer({ databaseUrl: tmp.url });
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

const createFeed = (cookie?: string) =>
	send(server, 'POST', '/api/calendar-feed', { cookie });

describe('HTTP and auth: calendar feed', () => {
	it('[H11] POST /api/calendar-feed needs a session and returns a secret URL', async () => {
		expect((await createFeed()).status).toBe(401);
		const res = await createFeed(coordinator);
		expect(res.status).toBe(201);
		const { url } = await res.json();
		expect(url).toMatch(new RegExp(`^${server.url}/calendar/[a-z2-7]+\\.ics$`));
	});

	it('[H11][V9] the feed is RFC 5545 text with the coordinator’s school milestones and planned and confirmed pairing visits', async () => {
		const { url } = await (await createFeed(coordinator)).json();
		const res = await fetch(url);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const text = await res.text();
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
		expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
		const unfolded = text.replace(/\r\n /g, '');
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20260430');
		expect(unfolded).toContain('城关一小：完成课堂诊断报告');
		expect(unfolded).not.toContain('河西的里程碑');
		expect(unfolded).toContain('DTSTART;VALUE=DATE:20260320');
		expect(unfolded).toContain('听评课');
		// [V9] planned and confirmed visits; a logged one waits for its host's confirmation
		expect(unfolded).toContain('计划中的联合教研');
		expect(unfolded).not.toContain('待确认的交流');
		// the leader sees every pilot school's milestones
		const leaderFeed = await (await fetch((await (await createFeed(leader)).json()).url)).text();
		expect(leaderFeed.replace(/\r\n /g, '')).toContain('河西的里程碑');
	});

	it('[WD5] the feed carries the plan calendar\'s breaks as free all-day events, each once', async () => {
		const { url } = await (await createFeed(leader)).json();
		const unfolded = (await (await fetch(url)).text()).replace(/\r\n /g, '');
		const festival = unfolded.split('BEGIN:VEVENT').find((e) => e.includes('SUMMARY:春节\r\n'));
		expect(festival).toContain('DTSTART;VALUE=DATE:20260215\r\n');
		expect(festival).toContain('DTEND;VALUE=DATE:20260224\r\n');
		expect(festival).toContain('TRANSP:TRANSPARENT');
		expect(unfolded.match(/SUMMARY:国庆节\r\n/g)).toHaveLength(1);
	});

	it('[H11] a revoked or unknown secret is a 404', async () => {
		const { url } = await (await createFeed(coordinator)).json();
		const del = await send(server, 'DELETE', '/api/calendar-feed', { cookie: coordinator });
		expect(del.status).toBe(200);
		expect((await del.json()).revoked).toBeGreaterThanOrEqual(1);
		expect((await fetch(url)).status).toBe(404);
		expect((await get(server, '/calendar/abcdefghijklmnopqrstuvwxyz234567.ics')).status).toBe(404);
	});
});
