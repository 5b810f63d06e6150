import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb, type DbHandle } from '../db/index';
import { loginAttempts, users } from '../db/schema';
import { hashPassword } from './password';
import { loginLimits, takeAttempt, ACCOUNT_MAX_FAILURES } from './rate-limit';
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

describe('[H3] sign-in rate limit', () => {
	it('refuses an account after its attempts in the window, and a new window starts again', async () => {
		const limits = loginLimits('victim', '10.0.0.1');
		const t0 = 1_000_000_000_000;
		for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) expect(await takeAttempt(h.db, limits, t0 + i)).toBe(true);
		expect(await takeAttempt(h.db, limits, t0 + 100)).toBe(false);
		// another address, same account: still limited
		expect(await takeAttempt(h.db, loginLimits('victim', '10.0.0.2'), t0 + 102)).toBe(false);
		// 15 minutes later the window has run out
		const later = t0 + 15 * 60 * 1000 + 1;
		expect(await takeAttempt(h.db, limits, later)).toBe(true);
		// long-expired rows of other keys are pruned by the next attempt
		await takeAttempt(h.db, loginLimits('someone', '10.9.9.9'), later + 60 * 60 * 1000);
		const keys = (await h.db.select().from(loginAttempts)).map((r) => r.key);
		expect(keys).not.toContain('user:victim');
		expect(keys).toContain('user:someone');
	});

	it('a burst of parallel wrong guesses gets no more than the limit through', async () => {
		await h.db.insert(users).values({
			id: 'u-burst',
			username: 'burst',
			displayName: 'B',
			passwordHash: await hashPassword('the-right-password')
		});
		const results = await Promise.all(
			Array.from({ length: 25 }, (_, i) =>
				signIn(h.db, { username: 'burst', password: `guess-${i}`, address: `10.1.0.${i}` })
			)
		);
		const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		expect(checked).toBe(ACCOUNT_MAX_FAILURES);
		expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toHaveLength(25 - ACCOUNT_MAX_FAILURES);
	});

	it('a successful sign-in clears the account and gives the address its attempt back', async () => {
		await h.db.insert(users).values({
			id: 'u-ok',
			username: 'okuser',
			displayName: 'O',
			passwordHash: await hashPassword('right-password')
		});
		const address = '10.2.0.1';
		await signIn(h.db, { username: 'okuser', password: 'wrong-password', address });
		expect((await signIn(h.db, { username: 'okuser', password: 'right-password', address })).ok).toBe(true);
		const rows = await h.db.select().from(loginAttempts);
		expect(rows.find((r) => r.key === 'user:okuser')).toBeUndefined();
		expect(rows.find((r) => r.key === `ip:${address}`)?.failures).toBe(1);
	});

	it('[H2] signIn answers the same for an unknown user and a wrong password', async () => {
		await h.db.insert(users).values({
			id: 'u-alice',
			username: 'alice',
			displayName: 'Alice',
			passwordHash: await hashPassword('correct-horse')
		});
		const wrong = await signIn(h.db, { username: 'alice', password: 'nope-nope', address: 'a' });
		const unknown = await signIn(h.db, { username: 'nobody', password: 'nope-nope', address: 'a' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
		expect(await signIn(h.db, { username: ' alice ', password: 'correct-horse', address: 'a' })).toEqual({
			ok: true,
			userId: 'u-alice'
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
