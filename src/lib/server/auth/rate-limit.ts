/**
 * Failed sign-in counting in fixed windows, stored in `login_attempts` so every instance of the
 * server sees the same counts. Keys are `user:<username>` and `ip:<address>`: one guards an
 * account against a distributed guesser, the other slows one client trying many accounts.
 */
import { eq, inArray, lt, sql } from 'drizzle-orm';
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

/** True when any of the limits has used up its failures in the current window. */
export async function isRateLimited(db: Db, limits: Limit[], now = Date.now()): Promise<boolean> {
	if (limits.length === 0) return false;
	const rows = await db
		.select()
		.from(loginAttempts)
		.where(
			inArray(
				loginAttempts.key,
				limits.map((l) => l.key)
			)
		);
	return limits.some((limit) => {
		const row = rows.find((r) => r.key === limit.key);
		return !!row && row.windowStart > now - limit.windowMs && row.failures >= limit.max;
	});
}

/**
 * Counts one failure against each limit; a window that has run out starts again at 1. Rows whose
 * window ended long ago are dropped on the way, so guessed usernames do not pile up.
 */
export async function recordFailure(db: Db, limits: Limit[], now = Date.now()): Promise<void> {
	const longest = Math.max(WINDOW, ...limits.map((l) => l.windowMs));
	await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, now - 2 * longest));
	for (const limit of limits) {
		const expired = sql`${loginAttempts.windowStart} <= ${now - limit.windowMs}`;
		await db
			.insert(loginAttempts)
			.values({ key: limit.key, failures: 1, windowStart: now })
			.onConflictDoUpdate({
				target: loginAttempts.key,
				set: {
					failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
					windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginAttempts.windowStart} END`
				}
			});
	}
}

/** Forgets the failures of one key (an account after a successful sign-in). */
export async function clearFailures(db: Db, key: string): Promise<void> {
	await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
