/**
 * Indicators and their measurements (contract v2) against the real server: the figures of
 * `GET …/indicators` from the live plan's indicators and the stored measurements ([I1], [I4]),
 * entering a measurement (validation naming the fields, permissions, idempotency also under a
 * race) and the history, oldest first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { makeMemberSession, makePlan, makeSchool, makeSession, makeUser, openTestDb, shortId } from '../helpers/factories';
import { measurements } from '../../src/lib/server/db/supervision-schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { writeDocSnapshot } from '../../src/lib/server/docs/store';
import { writeGoal, writeIndicator } from '../../src/lib/shared/plan/doc';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { addDays, todayInShanghai } from '../../src/lib/shared/plan/dates';
import type { Indicator, Role } from '../../src/lib/shared/plan/types';
import { get, postJson } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let otherPlan: string;
let schoolA: string;
let schoolB: string;
let foreignSchool: string;
const as: Record<string, string> = {};
const today = todayInShanghai();
const ago = (n: number) => addDays(today, -n);

const IND: Indicator[] = [
	{ id: 'backbone', group: 'g2', name: '骨干教师占比', op: '>=', target: 35, unit: '%', baseline: 28, scope: 'school', order: 1 },
	{ id: 'burden', group: 'g1', name: '书面作业超时率', op: '<=', target: 10, unit: '%', baseline: null, scope: 'district', order: 1 },
	{ id: 'untouched', group: 'g1', name: '尚无数据', op: '>=', target: 90, unit: '%', baseline: null, scope: 'district', order: 2 }
];

const person = (role: Role, schoolId: string | null = null, displayName?: string) =>
	makeMemberSession(h, planId, role, { schoolId, displayName });

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	otherPlan = (await makePlan(h)).id;
	schoolA = (await makeSchool(h, planId, { name: '城关一小', pilot: true })).id;
	schoolB = (await makeSchool(h, planId, { name: '实验小学', pilot: true })).id;
	foreignSchool = (await makeSchool(h, otherPlan)).id;
	const doc = new Y.Doc();
	writeGoal(doc, { id: 'g1', title: '学生发展', order: 1 });
	writeGoal(doc, { id: 'g2', title: '教师发展', order: 2 });
	for (const i of IND) writeIndicator(doc, i);
	await writeDocSnapshot(h.db, planRoom(planId), doc);
	as.leader = await person('leader', null, '王组长');
	as.admin = await person('admin');
	as.coordinatorA = await person('coordinator', schoolA, '李老师');
	as.viewer = await person('viewer');
	as.partner = await person('partner', schoolB);
	as.outsider = await makeSession(h, (await makeUser(h)).id);
	server = await startServer({ databaseUrl: tmp.url, env: { UPLOAD_DIR: join(tmp.dir, 'uploads') } });
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

const list = () => `/api/plans/${planId}/indicators`;
const path = (id = 'backbone') => `/api/plans/${planId}/indicators/${id}/measurements`;
const post = (body: unknown, cookie = as.leader, id = 'backbone', key = shortId()) => postJson(server, path(id), body, { cookie, key });
const rowsWithKey = (key: string) => h.db.select().from(measurements).where(eq(measurements.idempotencyKey, key));

describe('indicators and measurements', () => {
	it('[I4] every member reads the indicators with the contract fields; no measurement yet is null figures', async () => {
		for (const cookie of [as.viewer, as.partner, as.coordinatorA]) {
			const res = await get(server, list(), cookie);
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.map((i: { id: string }) => i.id)).toEqual(['burden', 'untouched', 'backbone']);
			expect(body[2]).toEqual({
				id: 'backbone',
				group: 'g2',
				name: '骨干教师占比',
				unit: '%',
				op: '>=',
				target: 35,
				baseline: 28,
				scope: 'school',
				value: null,
				gap: null,
				met: null,
				measuredAt: null
			});
		}
	});

	it('[I4] a leader enters a measurement: 201 with it; the history lists it with who entered it', async () => {
		const res = await post({ value: 30, date: ago(20), schoolId: schoolA, source: '人事报表' });
		expect(res.status).toBe(201);
		const created = await res.json();
		expect(created).toEqual({
			id: expect.any(String),
			indicatorId: 'backbone',
			schoolId: schoolA,
			value: 30,
			date: ago(20),
			source: '人事报表',
			fileId: null,
			createdBy: expect.any(String),
			createdByName: '王组长'
		});
		const history = await (await get(server, path(), as.viewer)).json();
		expect(history).toEqual([created]);
	});

	it('[I1][I4] the roll-up: the mean of each school’s latest value, a same-day correction winning; district: the latest', async () => {
		expect((await post({ value: 31, date: ago(10), schoolId: schoolA }, as.coordinatorA)).status).toBe(201);
		expect((await post({ value: 33, date: ago(10), schoolId: schoolA }, as.coordinatorA)).status).toBe(201); // corrects 31
		expect((await post({ value: 37, date: ago(5), schoolId: schoolB }, as.admin)).status).toBe(201);
		expect((await post({ value: 14, date: ago(3) }, as.leader, 'burden')).status).toBe(201);
		expect((await post({ value: 12.5, date: ago(30) }, as.leader, 'burden')).status).toBe(201); // older: not the latest
		const body = await (await get(server, list(), as.viewer)).json();
		const byId = Object.fromEntries(body.map((i: { id: string }) => [i.id, i]));
		expect(byId.backbone).toMatchObject({ value: 35, gap: 0, met: true, measuredAt: ago(5) });
		expect(byId.burden).toMatchObject({ value: 14, gap: 4, met: false, measuredAt: ago(3) });
		expect(byId.untouched).toMatchObject({ value: null, gap: null, met: null, measuredAt: null });
		const history = await (await get(server, path(), as.viewer)).json();
		expect(history.map((m: { value: number; date: string }) => [m.date, m.value])).toEqual([
			[ago(20), 30],
			[ago(10), 31],
			[ago(10), 33],
			[ago(5), 37]
		]);
		expect(history[1]).toMatchObject({ schoolId: schoolA, createdByName: '李老师', source: '' });
	});

	it('[I4] the same Idempotency-Key returns the first measurement with 201 and stores one row, also when racing', async () => {
		const key = shortId();
		const first = await post({ value: 34, date: ago(1), schoolId: schoolA }, as.coordinatorA, 'backbone', key);
		const again = await post({ value: 99, date: ago(1), schoolId: schoolA }, as.coordinatorA, 'backbone', key);
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(await again.json()).toEqual(await first.json());
		expect(await rowsWithKey(key)).toHaveLength(1);
		const raceKey = shortId();
		const racing = await Promise.all(
			Array.from({ length: 6 }, () => post({ value: 34.5, date: ago(1), schoolId: schoolA }, as.coordinatorA, 'backbone', raceKey))
		);
		expect(racing.map((r) => r.status)).toEqual(Array(6).fill(201));
		const bodies = await Promise.all(racing.map((r) => r.json()));
		expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
		expect(await rowsWithKey(raceKey)).toHaveLength(1);
		// one key, another indicator: refused rather than answered with the wrong measurement
		expect((await post({ value: 1, date: ago(1) }, as.coordinatorA, 'burden', key)).status).toBe(422);
	});

	it('[I4] a bad value, date or school is a 400 naming the fields, and stores nothing', async () => {
		const bad = async (body: unknown, fields: string[], id = 'backbone', raw?: string) => {
			const key = shortId();
			const res = await postJson(server, path(id), body, { cookie: as.leader, key, raw });
			expect(res.status, JSON.stringify(body ?? raw)).toBe(400);
			expect(await res.json()).toEqual({ error: 'invalid_fields', fields });
			expect(await rowsWithKey(key)).toHaveLength(0);
		};
		const good = { value: 33, date: ago(2), schoolId: schoolA };
		for (const value of [NaN, Infinity, 'abc']) await bad({ ...good, value }, ['value']); // NaN and Infinity reach JSON as null
		await bad(null, ['value'], 'backbone', `{"value": NaN, "date": "${ago(2)}", "schoolId": "${schoolA}"}`);
		await bad(null, ['value'], 'backbone', `{"value": Infinity, "date": "${ago(2)}", "schoolId": "${schoolA}"}`);
		await bad({ ...good, date: addDays(today, 1) }, ['date']);
		await bad({ ...good, date: '2026-02-30' }, ['date']);
		await bad({ ...good, date: '12/01/2026' }, ['date']);
		await bad({ ...good, schoolId: foreignSchool }, ['schoolId']);
		await bad({ value: 33, date: ago(2) }, ['schoolId']);
		await bad({ value: 12, date: ago(2), schoolId: schoolA }, ['schoolId'], 'burden');
		await bad({ value: 'x', date: addDays(today, 3) }, ['value', 'date', 'schoolId']);
		await bad({ ...good, fileId: 'no-such-file' }, ['fileId']);
		const noKey = await postJson(server, path(), good, { cookie: as.leader });
		expect(await noKey.json()).toMatchObject({ fields: ['Idempotency-Key'] });
		const malformed = await postJson(server, path(), null, { cookie: as.leader, key: shortId(), raw: '{"value": ' });
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toMatchObject({ fields: ['body'] });
	});

	it('[I4] a measurement cites an evidence file uploaded for its indicator, not one of another indicator', async () => {
		const evidence = async (indicatorId: string) => {
			const form = new FormData();
			form.set('file', new File([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], '统计表.pdf', { type: 'application/pdf' }));
			form.set('indicatorId', indicatorId);
			const res = await fetch(`${server.url}/api/plans/${planId}/files`, { method: 'POST', headers: { cookie: as.coordinatorA, origin: server.url }, body: form });
			expect(res.status).toBe(201);
			return (await res.json()).id as string;
		};
		const mine = await evidence('backbone');
		const other = await evidence('burden');
		const res = await post({ value: 34, date: ago(1), schoolId: schoolA, fileId: mine }, as.coordinatorA);
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ fileId: mine });
		const wrong = await post({ value: 34, date: ago(1), schoolId: schoolA, fileId: other }, as.coordinatorA);
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toEqual({ error: 'invalid_fields', fields: ['fileId'] });
	});

	it('[I4] a coordinator enters only their own school’s figures; viewers and partners none: 403, nothing stored', async () => {
		const cases: [string, string, Record<string, unknown>][] = [
			[as.coordinatorA, 'backbone', { value: 40, date: ago(1), schoolId: schoolB }],
			[as.coordinatorA, 'burden', { value: 9, date: ago(1) }],
			[as.viewer, 'backbone', { value: 40, date: ago(1), schoolId: schoolA }],
			[as.partner, 'backbone', { value: 40, date: ago(1), schoolId: schoolB }],
			[as.viewer, 'backbone', { value: 'abc' }]
		];
		for (const [cookie, id, body] of cases) {
			const key = shortId();
			const res = await post(body, cookie, id, key);
			expect(res.status, `${id} ${JSON.stringify(body)}`).toBe(403);
			expect(await rowsWithKey(key)).toHaveLength(0);
		}
	});

	it('[I4] unknown indicator 404; non-member 403; no session 401; no Origin header 403', async () => {
		expect((await post({ value: 1, date: ago(1) }, as.leader, 'nope')).status).toBe(404);
		expect((await get(server, path('nope'), as.viewer)).status).toBe(404);
		for (const url of [list(), path()]) {
			expect((await get(server, url, as.outsider)).status).toBe(403);
			expect((await get(server, url)).status).toBe(401);
		}
		expect((await post({ value: 1, date: ago(1), schoolId: schoolA }, as.outsider)).status).toBe(403);
		expect((await postJson(server, path(), { value: 1, date: ago(1), schoolId: schoolA }, { key: shortId() })).status).toBe(401);
		const key = shortId();
		const noOrigin = await fetch(server.url + path(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: as.leader, 'idempotency-key': key },
			body: JSON.stringify({ value: 33, date: ago(1), schoolId: schoolA })
		});
		expect(noOrigin.status).toBe(403);
		expect((await noOrigin.json()).error).toBe('cross_origin');
		expect(await rowsWithKey(key)).toHaveLength(0);
	});
});
