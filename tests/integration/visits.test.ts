/**
 * Logging and confirming exchange visits against the real server: validation, permissions,
 * idempotency (one row per user and key, also under a race) and visibility.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePairing, makePlan, makeSchool, makeSession, makeUser, openTestDb, shortId } from '../helpers/factories';
import { visits } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import type { Role } from '../../src/lib/shared/plan/types';
import { get, postJson, send } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let strong: string;
let weak: string;
let other: string;
const as: Record<string, string> = {};

async function person(role: Role, schoolId: string | null = null) {
	const u = await makeUser(h);
	await addMember(h, planId, u.id, role, schoolId);
	return makeSession(h, u.id);
}

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	strong = (await makeSchool(h, planId, { tier: 'strong' })).id;
	weak = (await makeSchool(h, planId, { tier: 'weak' })).id;
	other = (await makeSchool(h, planId, { tier: 'weak' })).id;
	await makePairing(h, planId, strong, weak, { id: 'pair1' });
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
	date: '2026-03-12',
	host: strong,
	visitor: weak,
	kind: 'lesson_observation',
	participants: 8,
	topic: '同课异构：初中数学',
	summary: '听课两节，评课一次。',
	...over
});

describe('HTTP and auth: visits', () => {
	it('[H14] a partner of the pairing logs a visit: 201 with the visit, status logged', async () => {
		const res = await postJson(server, path(), visit(), { cookie: as.weakPartner, key: shortId() });
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body).toEqual({
			id: expect.any(String),
			...visit(),
			participantNames: [],
			hours: null,
			status: 'logged',
			createdBy: expect.any(String),
			confirmedBy: null
		});
	});

	it('[H14] the same Idempotency-Key returns the same visit and stores one row, also when racing', async () => {
		const key = shortId();
		const first = await (await postJson(server, path(), visit({ topic: '重复提交' }), { cookie: as.weakPartner, key })).json();
		const again = await postJson(server, path(), visit({ topic: '重复提交' }), { cookie: as.weakPartner, key });
		expect([200, 201]).toContain(again.status);
		expect(await again.json()).toEqual(first);
		const raceKey = shortId();
		const racing = await Promise.all(
			Array.from({ length: 6 }, () => postJson(server, path(), visit({ topic: '并发' }), { cookie: as.weakPartner, key: raceKey }))
		);
		const bodies = await Promise.all(racing.map((r) => r.json()));
		expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
		expect(await h.db.select().from(visits).where(eq(visits.idempotencyKey, key))).toHaveLength(1);
		expect(await h.db.select().from(visits).where(eq(visits.idempotencyKey, raceKey))).toHaveLength(1);
	});

	it('[H8] a missing Idempotency-Key, malformed JSON and bad fields are 400s naming the fields', async () => {
		const noKey = await postJson(server, path(), visit(), { cookie: as.leader });
		expect(noKey.status).toBe(400);
		expect((await noKey.json()).fields).toEqual(['Idempotency-Key']);
		const malformed = await postJson(server, path(), null, { cookie: as.leader, key: shortId(), raw: '{"date": ' });
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toMatchObject({ fields: ['body'] });
		const bad = await postJson(
			server,
			path(),
			visit({ date: '2026-02-30', kind: 'banquet', participants: 0, topic: '', summary: 'x'.repeat(10_000) }),
			{ cookie: as.leader, key: shortId() }
		);
		expect(bad.status).toBe(400);
		expect((await bad.json()).fields).toEqual(['date', 'kind', 'participants', 'topic', 'summary']);
		const wrongSchools = await postJson(server, path(), visit({ host: other }), { cookie: as.leader, key: shortId() });
		expect(wrongSchools.status).toBe(400);
		expect((await wrongSchools.json()).fields).toEqual(['host']);
		const huge = await postJson(server, path(), visit({ summary: 'x'.repeat(40_000) }), { cookie: as.leader, key: shortId() });
		expect(huge.status).toBe(400);
		const unknownPairing = await postJson(server, path(), visit({ pairingId: 'nope' }), { cookie: as.leader, key: shortId() });
		expect((await unknownPairing.json()).fields).toEqual(['pairingId']);
		expect(await h.db.select().from(visits).where(eq(visits.topic, ''))).toHaveLength(0);
	});

	it('[H9] a partner of another school and a viewer get 403 and store nothing', async () => {
		for (const cookie of [as.otherPartner, as.viewer]) {
			const key = shortId();
			const res = await postJson(server, path(), visit(), { cookie, key });
			expect(res.status).toBe(403);
			expect(await h.db.select().from(visits).where(eq(visits.idempotencyKey, key))).toHaveLength(0);
		}
		expect((await postJson(server, path(), visit(), { key: shortId() })).status).toBe(401);
	});

	it('[H10] only the host school’s liaison (or a leader) confirms a visit', async () => {
		const created = await (await postJson(server, path(), visit({ topic: '待确认' }), { cookie: as.weakPartner, key: shortId() })).json();
		const confirm = (cookie: string, id = created.id) =>
			send(server, 'POST', `${path()}/${id}/confirm`, { cookie });
		expect((await confirm(as.weakPartner)).status).toBe(403); // visitor side, not host
		expect((await confirm(as.otherPartner)).status).toBe(403);
		expect((await confirm(as.viewer)).status).toBe(403);
		const ok = await confirm(as.strongCoordinator);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ ...created, status: 'confirmed', confirmedBy: expect.any(String) });
		expect((await confirm(as.leader)).status).toBe(200);
		expect((await confirm(as.leader, 'no-such-visit')).status).toBe(404);
		const listed = await (await get(server, path(), as.viewer)).json();
		expect(listed.find((v: { id: string }) => v.id === created.id).status).toBe('confirmed');
	});

	it('[H15] liaisons see their pairings’ visits; leaders and viewers see all', async () => {
		const all = await (await get(server, path(), as.viewer)).json();
		expect(all.length).toBeGreaterThan(0);
		expect(await (await get(server, path(), as.leader)).json()).toEqual(all);
		expect(await (await get(server, path(), as.strongCoordinator)).json()).toEqual(all);
		expect(await (await get(server, path(), as.otherPartner)).json()).toEqual([]);
	});
});
