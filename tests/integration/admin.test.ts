/** First-run setup and the admin page's actions against the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSchool, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { memberships, sessions, users } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { get, postForm, send, sessionCookieOf, signIn } from './auth-helpers';
import { sessionIdFromToken } from '../../src/lib/server/auth/session';

describe('HTTP and auth: first-run setup', () => {
	let server: RunningServer;
	let h: DbHandle;
	let cleanup: () => void;
	beforeAll(async () => {
		const tmp = tempDatabaseUrl();
		cleanup = tmp.cleanup;
		server = await startServer({ databaseUrl: tmp.url });
		h = await openTestDb(tmp.url);
	});
	afterAll(async () => {
		await server?.stop();
		h?.client.close();
		cleanup?.();
	});

	it('[H12] an empty database prints a one-time token that creates the first admin exactly once', async () => {
		// printed right after "Listening on", possibly in a later chunk of output
		let token: string | undefined;
		for (let i = 0; i < 50 && !token; i++) {
			token = /First-run setup: \S+\/setup\?token=([a-z2-7]+)/.exec(server.output())?.[1];
			if (!token) await new Promise((r) => setTimeout(r, 100));
		}
		expect(token).toBeTruthy();
		const admin = { username: 'chief', displayName: '系统管理员', password: 'a-strong-password', password2: 'a-strong-password' };

		expect(await (await get(server, '/setup?token=wrong')).text()).toContain('设置链接无效');
		const wrong = await postForm(server, '/setup', { ...admin, token: 'wrong' });
		expect(wrong.status).toBe(403);
		const mismatch = await postForm(server, '/setup', { ...admin, password2: 'something-else', token: token! });
		expect(mismatch.status).toBe(400);
		expect(await h.db.select().from(users)).toHaveLength(0);

		const ok = await postForm(server, '/setup', { ...admin, token: token! });
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/admin');
		const cookie = sessionCookieOf(ok)!;
		expect(cookie).toBeTruthy();
		expect((await get(server, '/admin', cookie)).status).toBe(200);
		const [row] = await h.db.select().from(users);
		expect(row).toMatchObject({ username: 'chief', isAdmin: true });

		const replay = await postForm(server, '/setup', { ...admin, username: 'second', token: token! });
		expect(replay.status).toBeGreaterThanOrEqual(400);
		expect(await h.db.select().from(users)).toHaveLength(1);
		expect(await (await get(server, `/setup?token=${token}`)).text()).toContain('系统已完成初始化');
	});
});

describe('HTTP and auth: administration', () => {
	let server: RunningServer;
	let h: DbHandle;
	let cleanup: () => void;
	let admin: string;
	let planId: string;
	let schoolId: string;
	let foreignSchool: string;
	beforeAll(async () => {
		const tmp = tempDatabaseUrl();
		cleanup = tmp.cleanup;
		h = await openTestDb(tmp.url);
		admin = await makeSession(h, (await makeUser(h, { isAdmin: true })).id);
		planId = (await makePlan(h)).id;
		schoolId = (await makeSchool(h, planId)).id;
		foreignSchool = (await makeSchool(h, (await makePlan(h)).id)).id;
		server = await startServer({ databaseUrl: tmp.url });
	});
	afterAll(async () => {
		await server?.stop();
		h?.client.close();
		cleanup?.();
	});

	it('[H16] /admin sends the signed-out to sign in and refuses non-admins with 403', async () => {
		const out = await get(server, '/admin');
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login?redirectTo=%2Fadmin');
		const u = await makeUser(h);
		await addMember(h, planId, u.id, 'leader');
		const leader = await makeSession(h, u.id);
		expect((await get(server, '/admin', leader)).status).toBe(403);
		const attempt = await postForm(server, '/admin?/createUser', { username: 'sneaky', displayName: 'x', password: 'long-enough-1' }, { cookie: leader });
		expect(attempt.status).toBe(403);
		expect(await h.db.select().from(users).where(eq(users.username, 'sneaky'))).toHaveLength(0);
	});

	it('[H16] an admin creates a user who can then sign in; a taken or malformed name is refused', async () => {
		const res = await postForm(server, '/admin?/createUser', { username: 'new_teacher', displayName: '李老师', password: 'initial-pass-1' }, { cookie: admin });
		expect(res.status).toBe(200);
		expect((await signIn(server, 'new_teacher', 'initial-pass-1')).res.status).toBe(303);
		const taken = await postForm(server, '/admin?/createUser', { username: 'new_teacher', displayName: 'x', password: 'initial-pass-1' }, { cookie: admin });
		expect(taken.status).toBe(400);
		expect(await taken.text()).toContain('该用户名已被使用');
		const bad = await postForm(server, '/admin?/createUser', { username: 'a b', displayName: '', password: 'short' }, { cookie: admin });
		expect(bad.status).toBe(400);
	});

	it('[H16] coordinator and partner roles need a school of that plan; a membership can be removed', async () => {
		const u = await makeUser(h);
		const assign = (fields: Record<string, string>) =>
			postForm(server, '/admin?/setMembership', { planId, userId: u.id, ...fields }, { cookie: admin });
		expect((await assign({ role: 'coordinator', schoolId: '' })).status).toBe(400);
		expect((await assign({ role: 'partner', schoolId: foreignSchool })).status).toBe(400);
		expect((await assign({ role: 'overlord', schoolId: '' })).status).toBe(400);
		expect(await h.db.select().from(memberships).where(eq(memberships.userId, u.id))).toHaveLength(0);
		expect((await assign({ role: 'coordinator', schoolId })).status).toBe(200);
		expect(await h.db.select().from(memberships).where(eq(memberships.userId, u.id))).toEqual([
			{ planId, userId: u.id, role: 'coordinator', schoolId }
		]);
		// a leader carries no school even if one is sent
		expect((await assign({ role: 'leader', schoolId })).status).toBe(200);
		expect((await h.db.select().from(memberships).where(eq(memberships.userId, u.id)))[0]).toMatchObject({ role: 'leader', schoolId: null });
		const removed = await postForm(server, '/admin?/removeMembership', { planId, userId: u.id }, { cookie: admin });
		expect(removed.status).toBe(200);
		expect(await h.db.select().from(memberships).where(and(eq(memberships.userId, u.id), eq(memberships.planId, planId)))).toHaveLength(0);
	});

	it('[H16] a password reset signs the user out everywhere', async () => {
		const u = await makeUser(h);
		const old = await makeSession(h, u.id);
		expect((await get(server, '/api/plans', old)).status).toBe(200);
		const res = await postForm(server, '/admin?/resetPassword', { userId: u.id, password: 'brand-new-pass' }, { cookie: admin });
		expect(res.status).toBe(200);
		expect(await h.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
		expect((await get(server, '/api/plans', old)).status).toBe(401);
		expect((await signIn(server, u.username, u.password)).res.status).toBe(400);
		expect((await signIn(server, u.username, 'brand-new-pass')).res.status).toBe(303);
	});

	it('[H16] a password reset and an account removal revoke the user’s calendar feeds', async () => {
		for (const action of ['resetPassword', 'removeUser'] as const) {
			const u = await makeUser(h);
			const cookie = await makeSession(h, u.id);
			const { url } = await (await send(server, 'POST', '/api/calendar-feed', { cookie })).json();
			expect((await fetch(url)).status).toBe(200);
			const res = await postForm(server, `/admin?/${action}`, { userId: u.id, password: 'brand-new-pass' }, { cookie: admin });
			expect(res.status, action).toBe(200);
			expect((await fetch(url)).status, action).toBe(404);
		}
	});

	it('[H16] an admin cannot remove their own account', async () => {
		const [{ userId: me }] = await h.db.select().from(sessions).where(eq(sessions.id, sessionIdFromToken(admin.split('=')[1])));
		const res = await postForm(server, '/admin?/removeUser', { userId: me }, { cookie: admin });
		expect(res.status).toBe(400);
		expect(await h.db.select().from(users).where(eq(users.id, me))).toHaveLength(1);
	});

	it('[H16] an admin creates a plan; an end before the start is refused', async () => {
		const bad = await postForm(server, '/admin?/createPlan', { title: '新方案', start: '2026-09-01', end: '2026-08-01' }, { cookie: admin });
		expect(bad.status).toBe(400);
		const ok = await postForm(server, '/admin?/createPlan', { title: '新方案', start: '2026-09-01', end: '2027-07-31' }, { cookie: admin });
		expect(ok.status).toBe(200);
		const plans = (await (await get(server, '/api/plans', admin)).json()) as { title: string }[];
		expect(plans.map((p) => p.title)).toContain('新方案');
	});
});
