/**
 * Sign-in, sign-out and the session cookie against the real server (built handler + libsql file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { makeUser, openTestDb } from '../helpers/factories';
import { sessions } from '../../src/lib/server/db/schema';
import { generateSessionToken, sessionIdFromToken, SESSION_TTL } from '../../src/lib/server/auth/session';
import type { DbHandle } from '../../src/lib/server/db/index';
import { get, postForm, sessionCookieOf, signIn } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	server = await startServer({ databaseUrl: tmp.url });
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

const INVALID = '用户名或密码不正确。';

describe('HTTP and auth: sign-in', () => {
	it('[H1] a correct password sets an HttpOnly SameSite=Lax session cookie and redirects (303)', async () => {
		const u = await makeUser(h);
		const { res, cookie } = await signIn(server, u.username, u.password);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
		expect(cookie).toMatch(/^session=[a-z2-7]+$/);
		const header = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		expect(header).toMatch(/;\s*HttpOnly/i);
		expect(header).toMatch(/;\s*SameSite=Lax/i);
		expect(header).toMatch(/;\s*Path=\//i);
		expect(header).toMatch(/;\s*Expires=/i);
		expect(header).not.toMatch(/;\s*Secure/i); // plain http here; Secure only behind https
		const plans = await get(server, '/api/plans', cookie!);
		expect(plans.status).toBe(200);
	});

	it('[H1] a session past half its life slides and refreshes the cookie; an invalid cookie is deleted', async () => {
		const u = await makeUser(h);
		const token = generateSessionToken();
		const old = Date.now() + SESSION_TTL / 2 - 60_000;
		await h.db.insert(sessions).values({ id: sessionIdFromToken(token), userId: u.id, expiresAt: old });
		const res = await get(server, '/api/plans', `session=${token}`);
		expect(res.status).toBe(200);
		const refreshed = res.headers.getSetCookie().find((c) => c.startsWith(`session=${token}`));
		expect(refreshed).toMatch(/HttpOnly/i);
		const expires = Date.parse(/Expires=([^;]+)/i.exec(refreshed!)![1]);
		expect(expires).toBeGreaterThan(old + 24 * 60 * 60 * 1000);
		const [row] = await h.db.select().from(sessions).where(eq(sessions.id, sessionIdFromToken(token)));
		expect(row.expiresAt).toBeGreaterThan(old);
		// a fresh session is not re-sent on every request
		const { cookie } = await signIn(server, u.username, u.password);
		expect((await get(server, '/api/plans', cookie!)).headers.getSetCookie()).toEqual([]);
		const bogus = await get(server, '/api/plans', 'session=not-a-real-token');
		expect(bogus.status).toBe(401);
		expect(bogus.headers.getSetCookie().some((c) => /^session=;/.test(c))).toBe(true);
	});

	it('[H4] redirects to a same-origin redirectTo and ignores a foreign one', async () => {
		const u = await makeUser(h);
		const ok = await signIn(server, u.username, u.password, '/login?redirectTo=%2Fadmin%3Fx%3D1');
		expect(ok.res.headers.get('location')).toBe('/admin?x=1');
		const evil = await signIn(server, u.username, u.password, '/login?redirectTo=%2F%2Fevil.example%2F');
		expect(evil.res.status).toBe(303);
		expect(evil.res.headers.get('location')).toBe('/');
	});

	it('[H2] a wrong password and an unknown user get the same 4xx, the same message and no cookie', async () => {
		const u = await makeUser(h);
		const wrong = await signIn(server, u.username, 'not-the-password');
		const unknown = await signIn(server, 'no_such_user', 'not-the-password');
		for (const r of [wrong, unknown]) {
			expect(r.res.status).toBe(400);
			expect(r.cookie).toBeNull();
			expect(await r.res.text()).toContain(INVALID);
		}
	});

	it('[H2] an unknown user costs a password verification too (timing)', async () => {
		const u = await makeUser(h);
		const time = async (username: string) => {
			const t = performance.now();
			await signIn(server, username, 'wrong-password-x');
			return performance.now() - t;
		};
		const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		const wrong: number[] = [];
		const unknown: number[] = [];
		await time(u.username); // warm-up: the first requests pay for lazy loading
		await time('ghost_warmup');
		for (let i = 0; i < 5; i++) {
			wrong.push(await time(u.username));
			unknown.push(await time(`ghost_${i}`));
		}
		// argon2 dominates both; without the dummy verification the unknown case is several times faster
		expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
	});

	it('[H6] a cross-origin form POST to /login is refused and sets no cookie', async () => {
		const u = await makeUser(h);
		const res = await postForm(
			server,
			'/login',
			{ username: u.username, password: u.password },
			{ origin: 'https://evil.example' }
		);
		expect(res.status).toBe(403);
		expect(sessionCookieOf(res)).toBeNull();
	});

	it('[H5] POST /logout deletes the session server-side; the old cookie then gets 401', async () => {
		const u = await makeUser(h);
		const { cookie } = await signIn(server, u.username, u.password);
		expect((await get(server, '/api/plans', cookie!)).status).toBe(200);
		const out = await postForm(server, '/logout', {}, { cookie: cookie! });
		expect(out.status).toBe(303);
		expect(out.headers.get('location')).toBe('/login');
		expect(out.headers.getSetCookie().some((c) => /^session=;/.test(c) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))).toBe(true);
		expect(await h.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
		expect((await get(server, '/api/plans', cookie!)).status).toBe(401);
	});

	it('[H3] ten failures lock the account for a while, even for the right password', async () => {
		const u = await makeUser(h);
		for (let i = 0; i < 10; i++) {
			expect((await signIn(server, u.username, `wrong-${i}-password`)).res.status).toBe(400);
		}
		const locked = await signIn(server, u.username, u.password);
		expect(locked.res.status).toBe(429);
		expect(locked.cookie).toBeNull();
		expect(await locked.res.text()).toContain('登录失败次数过多');
	});

	it('[H3] one client address trying many accounts is limited too', async () => {
		// Earlier tests in this file already spent some of this address's failures.
		let status = 0;
		for (let i = 0; i < 31 && status !== 429; i++) {
			status = (await signIn(server, `spray_${i}`, 'guess-password')).res.status;
		}
		expect(status).toBe(429);
		const fresh = await makeUser(h);
		expect((await signIn(server, fresh.username, fresh.password)).res.status).toBe(429);
	});
});
