/**
 * Checking a username and password. An unknown user costs the same argon2 verification as a wrong
 * password (against a dummy hash), so the answer and its timing do not reveal who has an account.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { users } from '../db/schema';
import { hashPassword, verifyPassword } from './password';
import { loginLimits, settleSuccess, takeAttempt } from './rate-limit';

/**
 * A hash of a random password nobody knows, made when the module loads: made lazily, the first
 * unknown-user attempt after a start would pay for two hashes and stand out in timing.
 */
const dummyHash: Promise<string> = hashPassword(crypto.randomUUID());

/** Usernames are 2–32 letters, digits, `.`, `_` or `-`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{2,32}$/;

export type SignInResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' | 'rate_limited' };

export async function signIn(
	db: Db,
	input: { username: string; password: string; address: string },
	now = Date.now()
): Promise<SignInResult> {
	const username = input.username.trim();
	const limits = loginLimits(username, input.address);
	if (!(await takeAttempt(db, limits, now))) return { ok: false, reason: 'rate_limited' };

	// Over-long input cannot match an account; still pay for one verification to keep timing flat.
	const plausible = username.length > 0 && username.length <= 64 && input.password.length <= 256;
	const [user] = plausible
		? await db
				.select({ id: users.id, passwordHash: users.passwordHash })
				.from(users)
				.where(eq(users.username, username))
				.limit(1)
		: [];
	const hash = user?.passwordHash ?? (await dummyHash);
	const valid = await verifyPassword(hash, plausible ? input.password : '');
	if (!user || !valid) return { ok: false, reason: 'invalid' };
	await settleSuccess(db, limits);
	return { ok: true, userId: user.id };
}

/**
 * The same-origin path to go to after signing in, or `/`. Only a path on this site is accepted, so
 * a crafted link cannot bounce a user to another site (`//evil`, `/\evil`, `https://…`).
 */
export function safeRedirectPath(target: string | null | undefined, origin: string): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.includes('\\')) {
		return '/';
	}
	try {
		const url = new URL(target, origin);
		// Parsing removes dot segments: `/.//evil` and `/a/..//evil` come out as `//evil`, which a
		// browser reads as another host. Check the result, not only the input.
		if (url.origin !== origin || url.pathname.startsWith('//')) return '/';
		return url.pathname + url.search + url.hash;
	} catch {
		return '/';
	}
}
