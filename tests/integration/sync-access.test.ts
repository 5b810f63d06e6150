/**
 * Who may open which live room, and what a read-only connection can do: the contract's room table
 * played through real y-websocket clients against the real server.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docUpdates } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { planRoom, schoolRoom } from '../../src/lib/shared/sync/protocol';
import type { Role } from '../../src/lib/shared/plan/types';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient, sleep, upgradeStatus, waitFor, type Client } from './sync-clients';

type Kind = 'plan' | 'school';
type Subject = { label: string; cookie: string; userId: string; plan: 'read' | 'write'; school: 'read' | 'write' };

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let server: RunningServer;
let planId: string;
let schoolId: string;
let otherPlanSchoolId: string;
let observerCookie: string;
let nonMemberCookie: string;
const subjects: Subject[] = [];

const rooms = (): Record<Kind, string> => ({ plan: planRoom(planId), school: schoolRoom(planId, schoolId) });
const entries = (doc: Y.Doc, kind: Kind) => doc.getMap<Y.Map<unknown>>(kind === 'plan' ? 'tasks' : 'milestones');

function addEntry(doc: Y.Doc, kind: Kind, id: string) {
	const m = new Y.Map<unknown>();
	m.set('title', id);
	entries(doc, kind).set(id, m);
}

async function storedRowsBy(room: string, userId: string) {
	return h.db
		.select({ id: docUpdates.id })
		.from(docUpdates)
		.where(and(eq(docUpdates.room, room), eq(docUpdates.userId, userId)));
}

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	schoolId = (await makeSchool(h, planId, { pilot: true })).id;
	const otherSchool = (await makeSchool(h, planId)).id;
	otherPlanSchoolId = (await makeSchool(h, (await makePlan(h)).id)).id;

	const member = async (role: Role | 'system-admin', school: string | null = null) => {
		const u = await makeUser(h, { isAdmin: role === 'system-admin' });
		if (role !== 'system-admin') await addMember(h, planId, u.id, role, school);
		return { userId: u.id, cookie: await makeSession(h, u.id) };
	};
	const add = async (
		label: string,
		role: Role | 'system-admin',
		school: string | null,
		plan: Subject['plan'],
		schoolAccess: Subject['school']
	) => subjects.push({ label, ...(await member(role, school)), plan, school: schoolAccess });

	await add('system administrator (no membership)', 'system-admin', null, 'write', 'write');
	await add('plan admin', 'admin', null, 'write', 'write');
	await add('leader', 'leader', null, 'write', 'write');
	await add('coordinator of the school', 'coordinator', schoolId, 'read', 'write');
	await add('coordinator of another school', 'coordinator', otherSchool, 'read', 'read');
	await add('partner', 'partner', otherSchool, 'read', 'read');
	await add('viewer', 'viewer', null, 'read', 'read');
	observerCookie = (await member('leader')).cookie;
	nonMemberCookie = await makeSession(h, (await makeUser(h)).id);

	server = await startServer({ databaseUrl: tmp.url });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	tmp?.cleanup();
});

describe('sync upgrade refusals', () => {
	it('[Y1] refuses an upgrade without a session or with an unknown token with HTTP 401', async () => {
		expect(await upgradeStatus(server.wsUrl, rooms().plan, null)).toBe(401);
		expect(await upgradeStatus(server.wsUrl, rooms().plan, 'session=not-a-real-token')).toBe(401);
	});

	it('[Y1] refuses a room name that is not a room, an unknown plan, or a school of another plan with 404', async () => {
		const cookie = subjects[0].cookie;
		for (const room of ['nonsense', 'plan:', 'plan:a:b', 'school:x', 'plan:no_such_plan', `school:${planId}:nope`, `school:${planId}:${otherPlanSchoolId}`]) {
			expect(await upgradeStatus(server.wsUrl, room, cookie), room).toBe(404);
		}
	});

	it('[R4][Y1] refuses a signed-in user who is not a member of the plan with 403', async () => {
		expect(await upgradeStatus(server.wsUrl, rooms().plan, nonMemberCookie)).toBe(403);
		expect(await upgradeStatus(server.wsUrl, rooms().school, nonMemberCookie)).toBe(403);
	});

	it('[Y2] refuses a cross-site Origin with 403 and accepts the server’s own origin', async () => {
		const cookie = subjects[0].cookie;
		expect(await upgradeStatus(server.wsUrl, rooms().plan, cookie, { Origin: 'http://evil.example' })).toBe(403);
		expect(await upgradeStatus(server.wsUrl, rooms().plan, cookie, { Origin: server.url })).toBe(101);
	});

	it('[Y1] accepts an encoded room name and ignores a query string', async () => {
		const cookie = subjects[0].cookie;
		expect(await upgradeStatus(server.wsUrl, `plan%3A${planId}?v=1`, cookie)).toBe(101);
	});
});

describe('sync access matrix', () => {
	const cases = () =>
		subjects.flatMap((s) => (['plan', 'school'] as Kind[]).map((kind) => ({ s, kind })));

	// Labels are known before the database exists: the matrix is spelled out once more here.
	const table: [string, Kind, 'read' | 'write'][] = [
		['system administrator (no membership)', 'plan', 'write'],
		['system administrator (no membership)', 'school', 'write'],
		['plan admin', 'plan', 'write'],
		['plan admin', 'school', 'write'],
		['leader', 'plan', 'write'],
		['leader', 'school', 'write'],
		['coordinator of the school', 'plan', 'read'],
		['coordinator of the school', 'school', 'write'],
		['coordinator of another school', 'plan', 'read'],
		['coordinator of another school', 'school', 'read'],
		['partner', 'plan', 'read'],
		['partner', 'school', 'read'],
		['viewer', 'plan', 'read'],
		['viewer', 'school', 'read']
	];

	it('covers every subject and room', () => {
		expect(cases().map(({ s, kind }) => [s.label, kind, s[kind]])).toEqual(table);
	});

	for (const [label, kind, access] of table) {
		const rule = access === 'write' ? (label.startsWith('coordinator') ? '[R2]' : '[R1]') : label.startsWith('coordinator') ? '[R2]' : '[R3]';
		const title =
			access === 'write'
				? `${rule}[Y3] ${label} edits the ${kind} room: applied, stored with the user, broadcast`
				: `${rule}[Y4] ${label} opens the ${kind} room read-only: its edit is not applied, broadcast or stored`;
		it(title, async () => {
			const s = subjects.find((x) => x.label === label)!;
			const room = rooms()[kind];
			const clients: Client[] = [];
			try {
				const observer = await connectClient(server.wsUrl, room, observerCookie);
				clients.push(observer);
				const subject = await connectClient(server.wsUrl, room, s.cookie);
				clients.push(subject);
				const key = `by-${s.userId}`;
				addEntry(subject.doc, kind, key);

				if (access === 'write') {
					await waitFor(() => entries(observer.doc, kind).has(key), 5000, 'the edit to reach the observer');
					expect((await storedRowsBy(room, s.userId)).length).toBeGreaterThan(0);
					return;
				}
				// A later edit by a writer reaches both; by then the dropped edit would have arrived too.
				const marker = `marker-${s.userId}`;
				addEntry(observer.doc, kind, marker);
				await waitFor(() => entries(subject.doc, kind).has(marker), 5000, 'the marker to reach the subject');
				await sleep(300);
				expect(entries(observer.doc, kind).has(key)).toBe(false);
				expect(await storedRowsBy(room, s.userId)).toEqual([]);
				const fresh = await connectClient(server.wsUrl, room, observerCookie);
				clients.push(fresh);
				expect(entries(fresh.doc, kind).has(marker)).toBe(true);
				expect(entries(fresh.doc, kind).has(key)).toBe(false);
			} finally {
				for (const c of clients) c.destroy();
			}
		});
	}
});
