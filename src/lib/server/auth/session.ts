/**
 * Sessions per the Lucia guide (lucia-auth.com/sessions): a random token goes to the browser, only
 * its SHA-256 is stored, expiry slides to 30 days when less than half remains. Relative imports so
 * the sync server (outside Vite) authenticates upgrades with the same code.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { preparedPer } from '../db/prepared';
import { sessions, users } from '../db/schema';
import { emitSessionEvent } from './session-events';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL = 30 * DAY;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	isAdmin: boolean;
}

export interface SessionRecord {
	id: string;
	userId: string;
	expiresAt: number;
}

export type SessionValidation =
	/** `extended`: the expiry slid just now, so the cookie should follow. */
	| { session: SessionRecord; user: SessionUser; extended: boolean }
	| { session: null; user: null; extended: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): Promise<SessionRecord> {
	const session = { id: sessionIdFromToken(token), userId, expiresAt: now + SESSION_TTL };
	await db.insert(sessions).values(session);
	return session;
}

const sessionWithUser = preparedPer((db) =>
	db
		.select({
			session: sessions,
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				isAdmin: users.isAdmin
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('id')))
		.limit(1)
		.prepare()
);

export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const [row] = await sessionWithUser(db).all({ id });
	if (!row) return { session: null, user: null, extended: false };
	const { session, user } = row;
	if (now >= session.expiresAt) {
		await invalidateSession(db, id);
		return { session: null, user: null, extended: false };
	}
	const extended = now >= session.expiresAt - SESSION_TTL / 2;
	if (extended) {
		session.expiresAt = now + SESSION_TTL;
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return { session, user, extended };
}

/** Deletes one session; this instance's sockets of that session close at once. */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	emitSessionEvent({ kind: 'session-ended', sessionId });
}

/** Deletes every session of a user (password reset, account removal); their sockets close at once. */
export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
	emitSessionEvent({ kind: 'user-sessions-ended', userId });
}

/** Reads the session token from a raw `Cookie` header (the sync server has no SvelteKit cookies). */
export function tokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eqAt = part.indexOf('=');
		if (eqAt < 0) continue;
		if (part.slice(0, eqAt).trim() === SESSION_COOKIE) {
			const value = part.slice(eqAt + 1).trim();
			try {
				return value ? decodeURIComponent(value) : null;
			} catch {
				return null; // `%zz` and friends: not a token we issued
			}
		}
	}
	return null;
}
