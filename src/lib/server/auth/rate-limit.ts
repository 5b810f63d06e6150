/**
 * Failed sign-in counting in fixed windows, stored in `login_attempts` so every instance of the
 * server sees the same counts. Keys are `user:<username>` and `ip:<address>`: one guards an
 * account against a distributed guesser, the other slows one client trying many accounts.
 */
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { loginAttempts } from '../db/schema';

export interface Limit {
	key: string;
	/** Failures allowed in one window; the next attempt is refused. */
	max: number;
	windowMs: number;
}

const WINDOW = 15 * 60 * 1000;
export const ACCOUNT_MAX_FAILURES = 10;
export const ADDRESS_MAX_FAILURES = 30;

/** The two limits a sign-in attempt is held to. */
export function loginLimits(username: string, address: string): Limit[] {
	return [
		{ key: `user:${username}`, max: ACCOUNT_MAX_FAILURES, windowMs: WINDOW },
		{ key: `ip:${address}`, max: ADDRESS_MAX_FAILURES, windowMs: WINDOW }
	];
}

/**
 * Counts one attempt against each limit before the password is checked, and says whether it may
 * proceed. Counting first (an atomic upsert that returns the new count) is what makes a burst of
 * parallel guesses hit the limit: checking first and counting after would let them all through.
 * A window that has run out starts again at 1; rows whose window ended long ago are dropped on the
 * way, so guessed usernames do not pile up.
 */
export async function takeAttempt(db: Db, limits: Limit[], now = Date.now()): Promise<boolean> {
	const longest = Math.max(WINDOW, ...limits.map((l) => l.windowMs));
	await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, now - 2 * longest));
	let allowed = true;
	for (const limit of limits) {
		const expired = sql`${loginAttempts.windowStart} <= ${now - limit.windowMs}`;
		const [row] = await db
			.insert(loginAttempts)
			.values({ key: limit.key, failures: 1, windowStart: now })
			.onConflictDoUpdate({
				target: loginAttempts.key,
				set: {
					failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
					windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginAttempts.windowStart} END`
				}
			})
			.returning({ failures: loginAttempts.failures });
		if (row.failures > limit.max) allowed = false;
	}
	return allowed;
}

/**
 * After a successful sign-in: the account starts afresh, and the attempt counted against the
 * address is given back, so only failures count there.
 */
export async function settleSuccess(db: Db, limits: Limit[]): Promise<void> {
	const [account, ...others] = limits;
	await db.delete(loginAttempts).where(eq(loginAttempts.key, account.key));
	for (const limit of others) {
		await db
			.update(loginAttempts)
			.set({ failures: sql`max(${loginAttempts.failures} - 1, 0)` })
			.where(eq(loginAttempts.key, limit.key));
	}
}
