/**
 * Test data written straight into a test database: users with real argon2 hashes, sessions with
 * real tokens, plans, schools and memberships. Tests then talk to the running server as those users.
 */
import { randomUUID } from 'node:crypto';
import { migrateDb, openDb, type DbHandle } from '../../src/lib/server/db/index';
import { memberships, pairings, plans, schools, users } from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import type { Role, SchoolTier, SchoolType } from '../../src/lib/shared/plan/types';
import type { Task } from '../../src/lib/shared/plan/types';

export async function openTestDb(url: string): Promise<DbHandle> {
	const h = await openDb(url);
	await migrateDb(h);
	return h;
}

export const shortId = () => randomUUID().replaceAll('-', '').slice(0, 12);

export async function makeUser(
	h: DbHandle,
	opts: { username?: string; password?: string; isAdmin?: boolean; displayName?: string } = {}
) {
	const id = shortId();
	const username = opts.username ?? `u_${id}`;
	const password = opts.password ?? 'test-pass-123';
	await h.db.insert(users).values({
		id,
		username,
		displayName: opts.displayName ?? username,
		passwordHash: await hashPassword(password),
		isAdmin: opts.isAdmin ?? false
	});
	return { id, username, password };
}

/** A signed-in session: returns the `Cookie` header value to send. */
export async function makeSession(h: DbHandle, userId: string): Promise<string> {
	const token = generateSessionToken();
	await createSession(h.db, token, userId);
	return `${SESSION_COOKIE}=${token}`;
}

export async function makePlan(h: DbHandle, opts: { id?: string; title?: string; start?: string; end?: string } = {}) {
	const id = opts.id ?? shortId();
	await h.db
		.insert(plans)
		.values({ id, title: opts.title ?? '测试方案', start: opts.start ?? '2026-01-01', end: opts.end ?? '2026-12-31' });
	return { id };
}

export async function makeSchool(
	h: DbHandle,
	planId: string,
	opts: { id?: string; name?: string; type?: SchoolType; tier?: SchoolTier; pilot?: boolean } = {}
) {
	const id = opts.id ?? shortId();
	await h.db.insert(schools).values({
		id,
		planId,
		name: opts.name ?? `学校${id}`,
		type: opts.type ?? 'urban_quality',
		tier: opts.tier ?? 'none',
		pilot: opts.pilot ?? false
	});
	return { id };
}

export async function addMember(
	h: DbHandle,
	planId: string,
	userId: string,
	role: Role,
	schoolId: string | null = null
) {
	await h.db.insert(memberships).values({ planId, userId, role, schoolId });
}

/** A new user who is a member of the plan in `role`, signed in: the `Cookie` header value. */
export async function makeMemberSession(
	h: DbHandle,
	planId: string,
	role: Role,
	opts: { schoolId?: string | null; displayName?: string } = {}
): Promise<string> {
	const u = await makeUser(h, { displayName: opts.displayName });
	await addMember(h, planId, u.id, role, opts.schoolId ?? null);
	return makeSession(h, u.id);
}

/** A pairing of two schools of the plan for the whole of 2026. */
export async function makePairing(
	h: DbHandle,
	planId: string,
	strongId: string,
	weakId: string,
	opts: { id?: string } = {}
) {
	const id = opts.id ?? shortId();
	await h.db.insert(pairings).values({
		id,
		planId,
		strongId,
		weakId,
		modes: ['teacher_exchange'],
		start: '2026-01-01',
		end: '2026-12-31'
	});
	return { id };
}

/** A valid task of the plan document with every field set; `over` changes some. */
export const taskFixture = (id: string, over: Partial<Task> = {}): Task => ({
	id,
	title: `任务 ${id}`,
	workstream: '课堂教学',
	phase: 'pilot',
	unit: '教研室',
	lead: '李老师',
	start: '2026-04-01',
	due: '2026-05-15',
	status: 'doing',
	progress: 10,
	deps: [],
	order: `a${id}`,
	...over
});

