/**
 * First-run setup: an empty database gets a one-time token (printed to the server log) that lets
 * whoever runs the server create the first administrator. Only the token's SHA-256 is stored, and
 * it is deleted when used. There is never a default password.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { settings, users } from '../db/schema';
import { hashPassword } from './password';

export const SETUP_TOKEN_KEY = 'setup_token_hash';

function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function countUsers(db: Db): Promise<number> {
	const [row] = await db.select({ n: count() }).from(users);
	return row?.n ?? 0;
}

/**
 * When there are no users, makes a fresh one-time token, stores its hash and returns it (any older
 * token stops working). Otherwise removes any leftover token and returns null.
 */
export async function ensureFirstRunSetup(db: Db): Promise<string | null> {
	if ((await countUsers(db)) > 0) {
		await db.delete(settings).where(eq(settings.key, SETUP_TOKEN_KEY));
		return null;
	}
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	const token = encodeBase32LowerCaseNoPadding(bytes);
	await db
		.insert(settings)
		.values({ key: SETUP_TOKEN_KEY, value: hashToken(token) })
		.onConflictDoUpdate({ target: settings.key, set: { value: hashToken(token) } });
	return token;
}

export type SetupTokenState = 'valid' | 'invalid' | 'done';

/** `done` once any user exists; `valid` only for the current token of an empty database. */
export async function setupTokenState(db: Db, token: string | null): Promise<SetupTokenState> {
	if ((await countUsers(db)) > 0) return 'done';
	if (!token) return 'invalid';
	const [row] = await db
		.select({ key: settings.key })
		.from(settings)
		.where(and(eq(settings.key, SETUP_TOKEN_KEY), eq(settings.value, hashToken(token))))
		.limit(1);
	return row ? 'valid' : 'invalid';
}

export type SetupResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'done' };

/**
 * Creates the first administrator. The token row is claimed by deleting it, so two racing
 * submissions cannot both succeed; if creating the user fails, the token is put back.
 */
export async function completeSetup(
	db: Db,
	token: string,
	admin: { username: string; displayName: string; password: string }
): Promise<SetupResult> {
	const state = await setupTokenState(db, token);
	if (state !== 'valid') return { ok: false, reason: state };
	const passwordHash = await hashPassword(admin.password);
	const claimed = await db
		.delete(settings)
		.where(and(eq(settings.key, SETUP_TOKEN_KEY), eq(settings.value, hashToken(token))))
		.returning({ key: settings.key });
	if (claimed.length === 0) return { ok: false, reason: 'invalid' };
	const id = crypto.randomUUID();
	try {
		await db.insert(users).values({
			id,
			username: admin.username,
			displayName: admin.displayName,
			passwordHash,
			isAdmin: true
		});
	} catch (e) {
		await db
			.insert(settings)
			.values({ key: SETUP_TOKEN_KEY, value: hashToken(token) })
			.onConflictDoNothing();
		throw e;
	}
	return { ok: true, userId: id };
}
