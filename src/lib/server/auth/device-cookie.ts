/**
 * OWASP's device cookies (cheatsheetseries.owasp.org, "Slow down online guessing attacks with
 * device cookies"): after a successful sign-in the browser gets a cookie naming the account,
 * signed with a server secret. A browser that presents a valid one for the account it signs in to
 * is a known device: the account's lockout from unknown browsers does not apply to it, only the
 * count of its own failures. Format: `<base64url(username)>.<nonce>.<base64url(HMAC-SHA256)>`.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import {
	decodeBase64urlIgnorePadding,
	encodeBase32LowerCaseNoPadding,
	encodeBase64urlNoPadding
} from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { settings } from '../db/schema';

export const DEVICE_COOKIE = 'device';
/** How long a browser stays known without signing in again. */
export const DEVICE_COOKIE_TTL_MS = 365 * 24 * 60 * 60 * 1000;
const SECRET_KEY = 'device_cookie_secret';

const secrets = new WeakMap<Db, Promise<Uint8Array>>();

/**
 * The signing secret, made once per database and kept in `settings` so every instance (and a
 * restart) accepts the same cookies. Racing instances agree: the first insert wins, all read it.
 */
export function deviceSecret(db: Db): Promise<Uint8Array> {
	let secret = secrets.get(db);
	if (!secret) {
		secret = (async () => {
			const fresh = new Uint8Array(32);
			crypto.getRandomValues(fresh);
			await db
				.insert(settings)
				.values({ key: SECRET_KEY, value: encodeBase64urlNoPadding(fresh) })
				.onConflictDoNothing();
			const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECRET_KEY));
			return decodeBase64urlIgnorePadding(row.value);
		})();
		secret.catch(() => secrets.delete(db));
		secrets.set(db, secret);
	}
	return secret;
}

const text = (s: string) => new TextEncoder().encode(s);
const sign = (secret: Uint8Array, username: string, nonce: string) =>
	hmac(SHA256, secret, text(`${username}\n${nonce}`));

/** A new device cookie value for `username`. */
export function issueDeviceCookie(secret: Uint8Array, username: string): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	const nonce = encodeBase32LowerCaseNoPadding(bytes);
	return `${encodeBase64urlNoPadding(text(username))}.${nonce}.${encodeBase64urlNoPadding(sign(secret, username, nonce))}`;
}

/** The account and nonce of a genuine device cookie, or `null` for anything else. */
export function readDeviceCookie(
	secret: Uint8Array,
	value: string | null | undefined
): { username: string; nonce: string } | null {
	if (!value || value.length > 512) return null;
	const parts = value.split('.');
	if (parts.length !== 3 || !/^[a-z2-7]{16,64}$/.test(parts[1])) return null;
	try {
		const username = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64urlIgnorePadding(parts[0]));
		const given = decodeBase64urlIgnorePadding(parts[2]);
		const expected = sign(secret, username, parts[1]);
		return given.length === expected.length && constantTimeEqual(given, expected) ? { username, nonce: parts[1] } : null;
	} catch {
		return null;
	}
}
