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
import { deviceCookieOf, get, postForm, sessionCookieOf, signIn } from './auth-helpers';

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

	it('[H3] after five failures an unknown browser must wait, and is told when (429, Retry-After, translated)', async () => {
		const u = await makeUser(h);
		const statuses: number[] = [];
		for (let i = 0; i < 8; i++) statuses.push((await signIn(server, u.username, `wrong-${i}-password`)).res.status);
		expect(statuses.slice(0, 6)).toEqual([400, 400, 400, 400, 400, 400]);
		expect(statuses.slice(6)).toEqual([429, 429]);
		const waiting = await signIn(server, u.username, u.password);
		expect(waiting.res.status).toBe(429);
		expect(waiting.cookie).toBeNull();
		expect(Number(waiting.res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(await waiting.res.text()).toMatch(/登录尝试过于频繁，请 \d+ 秒后再试/);
		await new Promise((r) => setTimeout(r, 1100));
		expect((await signIn(server, u.username, u.password)).res.status).toBe(303);
	});

	it('[H21] after 11 wrong passwords from an attacker, the owner’s browser with its device cookie signs in', async () => {
		const u = await makeUser(h);
		const first = await signIn(server, u.username, u.password);
		const device = deviceCookieOf(first.res);
		expect(device).toMatch(/^device=[^;]+$/);
		const header = first.res.headers.getSetCookie().find((c) => c.startsWith('device='))!;
		expect(header).toMatch(/;\s*HttpOnly/i);
		expect(header).toMatch(/;\s*Path=\/login/i);
		for (let i = 0; i < 11; i++) await signIn(server, u.username, `attacker-${i}`);
		// an unknown browser is held back…
		expect((await signIn(server, u.username, u.password)).res.status).toBe(429);
		// …the owner's is not
		const owner = await postForm(server, '/login', { username: u.username, password: u.password }, { cookie: device! });
		expect(owner.status).toBe(303);
		expect(sessionCookieOf(owner)).toBeTruthy();
	});
});

describe('HTTP and auth: one address, many accounts', () => {
	// A second instance on the same database that takes the client address from X-Forwarded-For,
	// as behind a proxy, so this test has an address of its own.
	let proxied: RunningServer;
	beforeAll(async () => {
		proxied = await startServer({ databaseUrl: server.databaseUrl, env: { ADDRESS_HEADER: 'x-forwarded-for' } });
	});
	afterAll(async () => {
		await proxied?.stop();
	});

	const fromSchool = (username: string, password: string) =>
		fetch(`${proxied.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: proxied.url,
				'x-forwarded-for': '10.20.30.40'
			},
			body: new URLSearchParams({ username, password }).toString()
		});

	it('[H21] 30 failures from one address do not block another account’s correct password from it', async () => {
		const colleague = await makeUser(h);
		for (let i = 0; i < 30; i++) expect((await fromSchool(`spray_${i}`, 'guess-password')).status).toBe(400);
		const ok = await fromSchool(colleague.username, colleague.password);
		expect(ok.status).toBe(303);
		expect(sessionCookieOf(ok)).toBeTruthy();
		// more failures only slow that address down; the right password still gets in
		for (let i = 30; i < 33; i++) expect((await fromSchool(`spray_${i}`, 'guess-password')).status).toBe(400);
		expect((await fromSchool(colleague.username, colleague.password)).status).toBe(303);
	});
});
