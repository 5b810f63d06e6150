/**
 * Counting sign-in attempts so that guessing is slow but the owner of an account is never locked
 * out by someone else (OWASP's device-cookie scheme, see `device-cookie.ts`). Counts live in
 * `login_attempts`, shared by every instance, in fixed 15-minute windows per key:
 * - `user:<username>`: attempts on an account from browsers without its device cookie. After
 *   `FREE_FAILURES` the next attempts must wait 1 s, 2 s, 4 s … (capped at `MAX_DELAY_MS`),
 *   answered 429 with the time to retry; a refused attempt is not counted.
 * - `device:<nonce>`: the same, for one known browser's own failures; an attack on the account
 *   does not touch it.
 * - `ip:<address>`: unknown-browser attempts from one address. Beyond `ADDRESS_FREE_FAILURES` it
 *   only slows the answer down (a school shares one address); it never refuses a password.
 */
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { loginAttempts } from '../db/schema';

export const WINDOW_MS = 15 * 60 * 1000;
/** Attempts of a window before waits begin. */
export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 5 * 60 * 1000;
/** Unknown-browser attempts from one address in a window before its answers slow down. */
export const ADDRESS_FREE_FAILURES = 30;
export const ADDRESS_MAX_SLOWDOWN_MS = 2000;

/**
 * When attempt number `attempt` (1-based) of a window that began at `windowStart` may be made:
 * at once for the first `FREE_FAILURES`, then each one a doubling wait later than the one before
 * it could be (1 s, 2 s, 4 s …, each wait capped at `MAX_DELAY_MS`).
 */
export function allowedAt(windowStart: number, attempt: number): number {
	let at = windowStart;
	for (let k = 1; k <= attempt - 1 - FREE_FAILURES; k++) {
		at += Math.min(FIRST_DELAY_MS * 2 ** (k - 1), MAX_DELAY_MS);
	}
	return at;
}

/** How long to hold the answer to an unknown browser's `attempt`-th try from one address. */
export function addressSlowdown(attempt: number): number {
	if (attempt <= ADDRESS_FREE_FAILURES) return 0;
	return Math.min(250 * 2 ** (attempt - ADDRESS_FREE_FAILURES - 1), ADDRESS_MAX_SLOWDOWN_MS);
}

/**
 * Counts one attempt on `key` (an atomic upsert returning the new count, so parallel guesses
 * cannot all slip through) and returns the count and the window's start. A window that ran out
 * starts again at 1; rows whose window ended long ago are pruned on the way.
 */
export async function countAttempt(db: Db, key: string, now = Date.now()): Promise<{ attempt: number; windowStart: number }> {
	await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, now - 2 * WINDOW_MS));
	const expired = sql`${loginAttempts.windowStart} <= ${now - WINDOW_MS}`;
	const [row] = await db
		.insert(loginAttempts)
		.values({ key, failures: 1, windowStart: now })
		.onConflictDoUpdate({
			target: loginAttempts.key,
			set: {
				failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
				windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginAttempts.windowStart} END`
			}
		})
		.returning({ failures: loginAttempts.failures, windowStart: loginAttempts.windowStart });
	return { attempt: row.failures, windowStart: row.windowStart };
}

/** Takes back one counted attempt (a refused or successful one). */
export async function giveBackAttempt(db: Db, key: string): Promise<void> {
	await db
		.update(loginAttempts)
		.set({ failures: sql`max(${loginAttempts.failures} - 1, 0)` })
		.where(eq(loginAttempts.key, key));
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
	await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

export type AttemptDecision = { ok: true } | { ok: false; retryAt: number };

/**
 * May an attempt on `key` go ahead now? Counted first, then judged; one that must wait is given
 * back, so hammering during a wait does not push the wait further out.
 */
export async function takeAttempt(db: Db, key: string, now = Date.now()): Promise<AttemptDecision> {
	const { attempt, windowStart } = await countAttempt(db, key, now);
	const at = allowedAt(windowStart, attempt);
	if (at <= now) return { ok: true };
	await giveBackAttempt(db, key);
	return { ok: false, retryAt: at };
}
