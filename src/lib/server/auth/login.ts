/**
 * Checking a username and password. An unknown user costs the same argon2 verification as a wrong
 * password (against a dummy hash), so the answer and its timing do not reveal who has an account.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { users } from '../db/schema';
import { readDeviceCookie } from './device-cookie';
import { hashPassword, verifyPassword } from './password';
import { addressSlowdown, clearAttempts, countAttempt, giveBackAttempt, takeAttempt } from './rate-limit';

/**
 * A hash of a random password nobody knows, made when the module loads: made lazily, the first
 * unknown-user attempt after a start would pay for two hashes and stand out in timing.
 */
const dummyHash: Promise<string> = hashPassword(crypto.randomUUID());

/** Usernames are 2–32 letters, digits, `.`, `_` or `-`. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{2,32}$/;

export type SignInResult =
	| { ok: true; userId: string; username: string }
	| { ok: false; reason: 'invalid' }
	/** `retryAt`: when this browser may try this account again (ms since the epoch). */
	| { ok: false; reason: 'rate_limited'; retryAt: number };

export interface SignInInput {
	username: string;
	password: string;
	address: string;
	/** The browser's device cookie, if any (see `device-cookie.ts`). */
	deviceCookie?: string | null;
	/** The device-cookie secret; without it every browser counts as unknown. */
	deviceSecret?: Uint8Array;
}

/**
 * Checks a sign-in. A browser with a valid device cookie for this account is held only to its
 * own failures; others share the account's count and, beyond the address's allowance, get a
 * slower answer. Known and unknown users take the same path and one argon2 verification each.
 */
export async function signIn(db: Db, input: SignInInput, now = Date.now()): Promise<SignInResult> {
	const username = input.username.trim();
	const device = input.deviceSecret ? readDeviceCookie(input.deviceSecret, input.deviceCookie) : null;
	const known = device !== null && device.username === username;
	const key = known ? `device:${device.nonce}` : `user:${username}`;
	const decision = await takeAttempt(db, key, now);
	if (!decision.ok) return { ok: false, reason: 'rate_limited', retryAt: decision.retryAt };
	const addressKey = `ip:${input.address}`;
	if (!known) {
		const slowdown = addressSlowdown((await countAttempt(db, addressKey, now)).attempt);
		if (slowdown > 0) await new Promise((r) => setTimeout(r, slowdown));
	}

	// Over-long input cannot match an account; still pay for one verification to keep timing flat.
	const plausible = username.length > 0 && username.length <= 64 && input.password.length <= 256;
	const [user] = plausible
		? await db
				.select({ id: users.id, username: users.username, passwordHash: users.passwordHash })
				.from(users)
				.where(eq(users.username, username))
				.limit(1)
		: [];
	const hash = user?.passwordHash ?? (await dummyHash);
	const valid = await verifyPassword(hash, plausible ? input.password : '');
	if (!user || !valid) return { ok: false, reason: 'invalid' };
	// Only failures count: the account (or device) starts afresh, the address gets its attempt back.
	await clearAttempts(db, key);
	if (!known) await giveBackAttempt(db, addressKey);
	return { ok: true, userId: user.id, username: user.username };
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
