/**
 * Contract v2 of pairings and visits against the real server: dates ([V1], [V2]), planned
 * visits ([V4]), edits and their revision trail ([V5], [V6]), the v2 pairing fields ([B5],
 * [B6]), the live signal to open boards ([B8]), the visits workbook ([V8]) and silentPairings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb, shortId } from '../helpers/factories';
import { pairings, visitRevisions, visits } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import type { Role } from '../../src/lib/shared/plan/types';
import { addDays, todayInShanghai } from '../../src/lib/shared/plan/dates';
import { pairingSettings, readPairingSettings, SETTINGS_ID } from '../../src/lib/shared/sync/kinds/pairings';
import { pairingsRoom } from '../../src/lib/shared/sync/protocol';
import { silentPairings } from '../../src/lib/server/services/pairings';
import { connectClient, waitFor } from './sync-clients';
import { get } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let strong: string;
let weak: string;
let quiet: string;
let other: string;
const as: Record<string, string> = {};
const today = todayInShanghai();
const tomorrow = addDays(today, 1);
const start = addDays(today, -120);

async function person(role: Role, schoolId: string | null = null) {
	const u = await makeUser(h);
	await addMember(h, planId, u.id, role, schoolId);
	return makeSession(h, u.id);
}

/** A state-changing request as a browser sends it (same Origin). */
function send(method: string, path: string, body: unknown, opts: { cookie?: string; key?: string } = {}) {
	return fetch(server.url + path, {
		method,
		headers: {
			'content-type': 'application/json',
			origin: server.url,
			...(opts.cookie ? { cookie: opts.cookie } : {}),
			...(opts.key ? { 'idempotency-key': opts.key } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	strong = (await makeSchool(h, planId, { tier: 'strong', name: '实验小学' })).id;
	weak = (await makeSchool(h, planId, { tier: 'weak', name: '河西镇中心小学' })).id;
	quiet = (await makeSchool(h, planId, { tier: 'weak', name: '柳林镇中心小学' })).id;
	other = (await makeSchool(h, planId, { tier: 'weak' })).id;
	await h.db.insert(pairings).values([
		{ id: 'pair1', planId, strongId: strong, weakId: weak, modes: ['teacher_exchange'], start, end: addDays(today, 60), target: 3 },
		{ id: 'pair2', planId, strongId: strong, weakId: quiet, modes: [], start, end: addDays(today, 60), target: 2 }
	]);
	as.leader = await person('leader');
	as.viewer = await person('viewer');
	as.weakPartner = await person('partner', weak);
	as.strongCoordinator = await person('coordinator', strong);
	as.otherPartner = await person('partner', other);
	server = await startServer({ databaseUrl: tmp.url });
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

const path = () => `/api/plans/${planId}/visits`;
const visit = (over: Record<string, unknown> = {}) => ({
	pairingId: 'pair1',
	date: addDays(today, -3),
	host: strong,
	visitor: weak,
	kind: 'joint_research',
	participants: 6,
	participantNames: ['王芳', '李强'],
	hours: 3,
	topic: '联合教研：大单元设计',
	summary: '两校语文组共同研讨。',
	...over
});
const log = (over: Record<string, unknown> = {}, cookie = as.weakPartner) =>
	send('POST', path(), visit(over), { cookie, key: shortId() });

describe('visits v2', () => {
	it('[V1][H8] a visit dated tomorrow is a bad date unless planned; 0 participants is a bad participants', async () => {
		const future = await log({ date: tomorrow });
		expect(future.status).toBe(400);
		expect(await future.json()).toEqual({ error: 'invalid_fields', fields: ['date'], reasons: { date: 'future' } });
		const nobody = await log({ participants: 0 });
		expect(nobody.status).toBe(400);
		expect((await nobody.json()).fields).toEqual(['participants']);
		// Both at once: one 400 names both.
		const both = await log({ date: tomorrow, participants: 0 });
		expect(await both.json()).toEqual({ error: 'invalid_fields', fields: ['date', 'participants'], reasons: { date: 'future' } });
		const planned = await log({ date: tomorrow, status: 'planned', topic: '计划：送教下乡' });
		expect(planned.status).toBe(201);
		expect(await planned.json()).toMatchObject({ date: tomorrow, status: 'planned', participantNames: ['王芳', '李强'], hours: 3 });
	});

	it('[V2] a visit outside its pairing’s dates is a bad date, planned or not', async () => {
		const before = await log({ date: addDays(start, -1) });
		expect(await before.json()).toMatchObject({ fields: ['date'], reasons: { date: 'before_pairing' } });
		const after = await log({ date: addDays(today, 61), status: 'planned' });
		expect(await after.json()).toMatchObject({ fields: ['date'], reasons: { date: 'after_pairing' } });
	});

	it('[H14] a double submit with one key makes one visit, also for a planned one', async () => {
		const key = shortId();
		const body = visit({ status: 'planned', date: tomorrow, topic: '双击提交' });
		const [a, b] = await Promise.all([send('POST', path(), body, { cookie: as.weakPartner, key }), send('POST', path(), body, { cookie: as.weakPartner, key })]);
		expect([a.status, b.status]).toEqual([201, 201]);
		expect((await a.json()).id).toBe((await b.json()).id);
		expect(await h.db.select().from(visits).where(eq(visits.idempotencyKey, key))).toHaveLength(1);
	});

	it('[V4] a planned visit cannot be confirmed until logged as held, and never counts until then', async () => {
		const planned = await (await log({ date: tomorrow, status: 'planned', topic: '计划中的听课' })).json();
		const confirm = await send('POST', `${path()}/${planned.id}/confirm`, undefined, { cookie: as.strongCoordinator });
		expect(confirm.status).toBe(409);
		// Logged as held while its date is still ahead: refused, naming the date.
		const early = await send('PATCH', `${path()}/${planned.id}`, { status: 'logged' }, { cookie: as.weakPartner });
		expect(early.status).toBe(400);
		expect(await early.json()).toMatchObject({ fields: ['date'], reasons: { date: 'future' } });
		const held = await send('PATCH', `${path()}/${planned.id}`, { status: 'logged', date: today }, { cookie: as.weakPartner });
		expect(held.status).toBe(200);
		expect(await held.json()).toMatchObject({ status: 'logged', date: today });
		expect((await send('POST', `${path()}/${planned.id}/confirm`, undefined, { cookie: as.strongCoordinator })).status).toBe(200);
	});

	it('[V5][V6] the author edits until confirmed; afterwards only leaders, and every change leaves a revision', async () => {
		const v = await (await log({ topic: '待修改' })).json();
		const url = `${path()}/${v.id}`;
		expect((await send('PATCH', url, { participants: 9 }, { cookie: as.strongCoordinator })).status).toBe(403); // not the author
		expect((await send('PATCH', url, { participants: 9 }, { cookie: as.otherPartner })).status).toBe(404); // cannot even see it
		expect((await send('PATCH', url, { participants: 0 }, { cookie: as.weakPartner })).status).toBe(400);
		expect((await send('PATCH', url, { pairingId: 'pair2' }, { cookie: as.weakPartner })).status).toBe(400);
		const edited = await send('PATCH', url, { participants: 9, topic: '已修改' }, { cookie: as.weakPartner });
		expect(edited.status).toBe(200);
		expect(await edited.json()).toMatchObject({ participants: 9, topic: '已修改', status: 'logged' });
		expect((await send('POST', `${url}/confirm`, undefined, { cookie: as.strongCoordinator })).status).toBe(200);
		expect((await send('PATCH', url, { hours: 4 }, { cookie: as.weakPartner })).status).toBe(403);
		expect((await send('PATCH', url, { status: 'planned' }, { cookie: as.leader })).status).toBe(400);
		const corrected = await send('PATCH', url, { hours: 4 }, { cookie: as.leader });
		expect(corrected.status).toBe(200);
		expect(await corrected.json()).toMatchObject({ hours: 4, status: 'confirmed' });

		const trail = await (await get(server, `${url}/revisions`, as.viewer)).json();
		expect(trail.map((r: { action: string; statusBefore: string; changes: object }) => [r.action, r.statusBefore, r.changes])).toEqual([
			['edit', 'logged', { participants: { from: 6, to: 9 }, topic: { from: '待修改', to: '已修改' } }],
			['confirm', 'logged', { status: { from: 'logged', to: 'confirmed' } }],
			['edit', 'confirmed', { hours: { from: 3, to: 4 } }]
		]);
		expect((await get(server, `${url}/revisions`, as.otherPartner)).status).toBe(404);
		expect(await h.db.select().from(visitRevisions).where(eq(visitRevisions.visitId, v.id))).toHaveLength(3);
	});

	it('[H9][H15][V7] a liaison logs and sees only their own school’s pairings’ visits', async () => {
		expect((await log({}, as.otherPartner)).status).toBe(403);
		const mine = await (await get(server, path(), as.otherPartner)).json();
		expect(mine).toEqual([]);
		const all = await (await get(server, path(), as.viewer)).json();
		expect(all.length).toBeGreaterThan(0);
		expect((await log({}, as.viewer)).status).toBe(403);
	});
});

describe('pairings v2', () => {
	it('[B5][B6] GET pairings carries target, ended and health; planned and unconfirmed visits never count', async () => {
		const list = await (await get(server, `/api/plans/${planId}/pairings`, as.otherPartner)).json();
		const one = list.find((p: { id: string }) => p.id === 'pair1');
		const confirmedDates = (await h.db.select().from(visits).where(eq(visits.pairingId, 'pair1')))
			.filter((v) => v.status === 'confirmed')
			.map((v) => v.date)
			.sort();
		expect(one).toMatchObject({
			strong,
			weak,
			modes: ['teacher_exchange'],
			target: 3,
			ended: null,
			lastConfirmedVisit: confirmedDates.at(-1),
			silent: false
		});
		expect(one.confirmedThisSemester).toBeLessThanOrEqual(confirmedDates.length);
		expect(one.confirmedThisSemester).toBeGreaterThan(0);
		// pair2 has had no confirmed visit since it started 120 days ago: silent after 4 weeks.
		expect(list.find((p: { id: string }) => p.id === 'pair2')).toMatchObject({ confirmedThisSemester: 0, lastConfirmedVisit: null, silent: true });
		expect((await silentPairings(h.db, planId, today)).map((p) => p.id)).toEqual(['pair2']);
	});

	it('[B6] the leaders’ N weeks, set in the live room, reach the API through the projection', async () => {
		const leader = await connectClient(server.wsUrl, pairingsRoom(planId), as.leader);
		const silentOf = async () =>
			(await (await get(server, `/api/plans/${planId}/pairings`, as.viewer)).json()).find((p: { id: string }) => p.id === 'pair2').silent;
		try {
			expect(await silentOf()).toBe(true);
			leader.doc.transact(() => pairingSettings.create(leader.doc, { id: SETTINGS_ID, silentWeeks: 52 }));
			const started = Date.now();
			while ((await silentOf()) !== false) {
				expect(Date.now() - started).toBeLessThan(2000);
				await new Promise((r) => setTimeout(r, 100));
			}
			leader.doc.transact(() => pairingSettings.update(leader.doc, SETTINGS_ID, { silentWeeks: 4 }));
			await waitFor(() => readPairingSettings(leader.doc).silentWeeks === 4);
		} finally {
			leader.destroy();
		}
		await new Promise((r) => setTimeout(r, 1500));
		expect(await silentOf()).toBe(true);
	});

	it('[B8] every visit write bumps the pairings room’s visit counter, which an open board sees live', async () => {
		const board = await connectClient(server.wsUrl, pairingsRoom(planId), as.leader);
		try {
			const before = readPairingSettings(board.doc).visitsVersion;
			const v = await (await log({ topic: '实时' })).json();
			await waitFor(() => readPairingSettings(board.doc).visitsVersion === before + 1, 2000, 'logged visit not signalled');
			await send('POST', `${path()}/${v.id}/confirm`, undefined, { cookie: as.strongCoordinator });
			await waitFor(() => readPairingSettings(board.doc).visitsVersion === before + 2, 2000, 'confirmation not signalled');
		} finally {
			board.destroy();
		}
	});

	it('[V8] visits.xlsx: Chinese headers, one row per visit the user may see, text never a formula', async () => {
		await log({ topic: '=HYPERLINK("http://x")' });
		const read = async (cookie: string) => {
			const res = await get(server, `/api/plans/${planId}/visits.xlsx`, cookie);
			expect(res.status).toBe(200);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(await res.arrayBuffer());
			return wb.worksheets[0];
		};
		const ws = await read(as.leader);
		expect(ws.name).toBe('结对交流活动登记表');
		expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
			'序号', '活动日期', '帮扶校', '受援校', '承办学校', '来访学校', '活动类型', '参与人数', '参与人员', '活动主题', '时长（小时）', '活动内容', '状态'
		]);
		const all = await (await get(server, path(), as.leader)).json();
		expect(ws.rowCount).toBe(all.length + 1);
		const formulaRow = ws.getRows(2, all.length)!.find((r) => String(r.getCell(10).value).startsWith('=HYPERLINK'))!;
		expect(formulaRow.getCell(10).type).toBe(ExcelJS.ValueType.String);
		expect(formulaRow.getCell(3).value).toBe('实验小学');
		expect(formulaRow.getCell(9).value).toBe('王芳、李强');
		expect((await read(as.otherPartner)).rowCount).toBe(1);
	});
});
