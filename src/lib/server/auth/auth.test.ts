import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb, type DbHandle } from '../db/index';
import { loginAttempts, users } from '../db/schema';
import { hashPassword } from './password';
import {
	addressSlowdown,
	allowedAt,
	takeAttempt,
	ADDRESS_FREE_FAILURES,
	ADDRESS_MAX_SLOWDOWN_MS,
	FREE_FAILURES,
	MAX_DELAY_MS,
	WINDOW_MS
} from './rate-limit';
import { deviceSecret, issueDeviceCookie, readDeviceCookie } from './device-cookie';
import { safeRedirectPath, signIn } from './login';
import { completeSetup, ensureFirstRunSetup, setupTokenState } from './setup';
import { parseNewUser } from './user-input';

let h: DbHandle;
let dir: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'qp-auth-'));
	h = await openDb(`file:${join(dir, 'a.db')}`);
	await migrateDb(h);
});
afterAll(() => {
	h.client.close();
	rmSync(dir, { recursive: true, force: true });
});

/** An account with a real argon2 hash. */
async function addUser(id: string, username: string, password: string) {
	await h.db.insert(users).values({ id, username, displayName: username, passwordHash: await hashPassword(password) });
}

describe('[H12] first-run setup', () => {
	it('issues a token only for an empty database, accepts it once, then reports done', async () => {
		const token = await ensureFirstRunSetup(h.db);
		expect(token).toMatch(/^[a-z2-7]{30,}$/);
		expect(await setupTokenState(h.db, 'wrong')).toBe('invalid');
		expect(await setupTokenState(h.db, null)).toBe('invalid');
		expect(await setupTokenState(h.db, token)).toBe('valid');
		// a second call replaces the token: the old one stops working
		const token2 = (await ensureFirstRunSetup(h.db))!;
		expect(await setupTokenState(h.db, token)).toBe('invalid');
		const res = await completeSetup(h.db, token2, {
			username: 'root',
			displayName: 'Root',
			password: 'long-enough-pw'
		});
		expect(res.ok).toBe(true);
		expect(await setupTokenState(h.db, token2)).toBe('done');
		expect(await completeSetup(h.db, token2, { username: 'x2', displayName: 'x', password: 'long-enough-pw' })).toEqual({
			ok: false,
			reason: 'done'
		});
		expect(await ensureFirstRunSetup(h.db)).toBeNull();
	});
});

describe('[H3] sign-in delays', () => {
	it('[H3] the first five attempts of a window are free, then each waits twice as long, capped', () => {
		const t0 = 1_000_000;
		for (let n = 1; n <= FREE_FAILURES + 1; n++) expect(allowedAt(t0, n)).toBe(t0);
		expect(allowedAt(t0, 7)).toBe(t0 + 1000);
		expect(allowedAt(t0, 8)).toBe(t0 + 3000);
		expect(allowedAt(t0, 9)).toBe(t0 + 7000);
		expect(allowedAt(t0, 30) - allowedAt(t0, 29)).toBe(MAX_DELAY_MS);
		expect(addressSlowdown(ADDRESS_FREE_FAILURES)).toBe(0);
		expect(addressSlowdown(ADDRESS_FREE_FAILURES + 1)).toBe(250);
		expect(addressSlowdown(ADDRESS_FREE_FAILURES + 20)).toBe(ADDRESS_MAX_SLOWDOWN_MS);
	});

	it('[H3] an attempt that must wait is refused with its retry time and not counted; a new window starts again', async () => {
		const t0 = 1_000_000_000_000;
		for (let i = 0; i < FREE_FAILURES + 1; i++) expect(await takeAttempt(h.db, 'user:victim', t0 + i)).toEqual({ ok: true });
		const refused = await takeAttempt(h.db, 'user:victim', t0 + 10);
		expect(refused).toEqual({ ok: false, retryAt: t0 + 1000 });
		// hammering during the wait does not push it further out
		for (let i = 0; i < 20; i++) await takeAttempt(h.db, 'user:victim', t0 + 20 + i);
		expect(await takeAttempt(h.db, 'user:victim', t0 + 1000)).toEqual({ ok: true });
		expect(await takeAttempt(h.db, 'user:victim', t0 + 1001)).toEqual({ ok: false, retryAt: t0 + 3000 });
		const later = t0 + WINDOW_MS + 1;
		expect(await takeAttempt(h.db, 'user:victim', later)).toEqual({ ok: true });
		// long-expired rows of other keys are pruned by the next attempt
		await takeAttempt(h.db, 'user:someone', later + 60 * 60 * 1000);
		const keys = (await h.db.select().from(loginAttempts)).map((r) => r.key);
		expect(keys).not.toContain('user:victim');
		expect(keys).toContain('user:someone');
	});

	it('[H3] a burst of parallel wrong guesses gets no more than the free attempts through', async () => {
		await addUser('u-burst', 'burst', 'the-right-password');
		const results = await Promise.all(
			Array.from({ length: 25 }, (_, i) =>
				signIn(h.db, { username: 'burst', password: `guess-${i}`, address: `10.1.0.${i}` })
			)
		);
		const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		expect(checked).toBeLessThanOrEqual(FREE_FAILURES + 1);
		expect(results.filter((r) => !r.ok && r.reason === 'rate_limited').length).toBe(25 - checked);
	});

	it('[H3] a successful sign-in clears the account and gives the address its attempt back', async () => {
		await addUser('u-ok', 'okuser', 'right-password');
		const address = '10.2.0.1';
		await signIn(h.db, { username: 'okuser', password: 'wrong-password', address });
		expect((await signIn(h.db, { username: 'okuser', password: 'right-password', address })).ok).toBe(true);
		const rows = await h.db.select().from(loginAttempts);
		expect(rows.find((r) => r.key === 'user:okuser')).toBeUndefined();
		expect(rows.find((r) => r.key === `ip:${address}`)?.failures).toBe(1);
	});
});

describe('[H21] device cookies', () => {
	it('[H21] a device cookie is signed: it reads back only untampered and under the same secret', async () => {
		const secret = await deviceSecret(h.db);
		expect(await deviceSecret(h.db)).toEqual(secret); // generated once, then read
		const cookie = issueDeviceCookie(secret, '李老师');
		expect(readDeviceCookie(secret, cookie)?.username).toBe('李老师');
		const [user, nonce, sig] = cookie.split('.');
		expect(readDeviceCookie(secret, `${Buffer.from('admin').toString('base64url')}.${nonce}.${sig}`)).toBeNull();
		expect(readDeviceCookie(secret, `${user}.${nonce}.${sig.slice(0, -2)}AA`)).toBeNull();
		expect(readDeviceCookie(new Uint8Array(32), cookie)).toBeNull();
		for (const bad of [null, '', 'a.b', 'x'.repeat(600), '..', `${user}.${nonce}`]) expect(readDeviceCookie(secret, bad)).toBeNull();
	});

	it('[H21] after 11 wrong passwords from an attacker, the owner’s known browser signs in; unknown browsers wait', async () => {
		await addUser('u-dev', 'devowner', 'owner-password');
		const secret = await deviceSecret(h.db);
		const t0 = Date.now();
		const first = await signIn(h.db, { username: 'devowner', password: 'owner-password', address: '10.3.0.1', deviceSecret: secret }, t0);
		expect(first.ok).toBe(true);
		const cookie = issueDeviceCookie(secret, 'devowner');
		for (let i = 0; i < 11; i++) {
			await signIn(h.db, { username: 'devowner', password: `wrong-${i}`, address: '10.9.0.1', deviceSecret: secret }, t0 + i);
		}
		const unknown = await signIn(h.db, { username: 'devowner', password: 'owner-password', address: '10.3.0.1', deviceSecret: secret }, t0 + 20);
		expect(unknown).toMatchObject({ ok: false, reason: 'rate_limited' });
		const known = await signIn(
			h.db,
			{ username: 'devowner', password: 'owner-password', address: '10.3.0.1', deviceCookie: cookie, deviceSecret: secret },
			t0 + 21
		);
		expect(known).toEqual({ ok: true, userId: 'u-dev', username: 'devowner' });
		// a device cookie of another account is no help
		const other = issueDeviceCookie(secret, 'someone-else');
		expect(
			await signIn(h.db, { username: 'devowner', password: 'owner-password', address: 'x', deviceCookie: other, deviceSecret: secret }, t0 + 22)
		).toMatchObject({ reason: 'rate_limited' });
	});

	it('[H21] 30 failures from one address do not block another account’s correct password from it', async () => {
		await addUser('u-school', 'schoolmate', 'school-password');
		const address = '10.4.0.1';
		for (let i = 0; i < 32; i++) await signIn(h.db, { username: `spray_${i}`, password: 'guess-password', address });
		const t = performance.now();
		const ok = await signIn(h.db, { username: 'schoolmate', password: 'school-password', address });
		expect(ok.ok).toBe(true);
		expect(performance.now() - t).toBeLessThan(ADDRESS_MAX_SLOWDOWN_MS + 1500);
	}, 30_000); // 33 argon2id verifications: slow on a busy 2-core machine

	it('[H2] signIn answers the same for an unknown user and a wrong password', async () => {
		await addUser('u-alice', 'alice', 'correct-horse');
		const wrong = await signIn(h.db, { username: 'alice', password: 'nope-nope', address: 'a' });
		const unknown = await signIn(h.db, { username: 'nobody', password: 'nope-nope', address: 'a' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
		expect(await signIn(h.db, { username: ' alice ', password: 'correct-horse', address: 'a' })).toEqual({
			ok: true,
			userId: 'u-alice',
			username: 'alice'
		});
	});
});

describe('[H4] safe redirect after sign-in', () => {
	const origin = 'https://plan.example';
	it.each([
		['/plans/p1?tab=x', '/plans/p1?tab=x'],
		['//evil.example/x', '/'],
		['/.//evil.example', '/'],
		['/a/..//evil.example', '/'],
		['/%2e%2e//evil.example', '/'],
		['/\\evil.example', '/'],
		['https://evil.example/', '/'],
		['javascript:alert(1)', '/'],
		['', '/'],
		[null, '/']
	])('%s → %s', (input, expected) => {
		expect(safeRedirectPath(input, origin)).toBe(expected);
	});
});

describe('account form validation', () => {
	const form = (o: Record<string, string>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(o)) f.set(k, v);
		return f;
	};
	it('names each bad field', () => {
		const r = parseNewUser(form({ username: 'a b', displayName: '', password: 'short', password2: 'x' }), {
			confirm: true
		});
		expect(r).toEqual({
			ok: false,
			errors: { username: 'username_format', displayName: 'required', password: 'too_short' }
		});
		const r2 = parseNewUser(
			form({ username: 'ok_name', displayName: '张三', password: 'long-enough', password2: 'different' }),
			{ confirm: true }
		);
		expect(r2).toEqual({ ok: false, errors: { password2: 'password_mismatch' } });
		const r3 = parseNewUser(form({ username: 'ok_name', displayName: ' 张三 ', password: 'long-enough' }), {
			confirm: false
		});
		expect(r3).toEqual({ ok: true, value: { username: 'ok_name', displayName: '张三', password: 'long-enough' } });
	});
});
