/** The session and device cookies' attributes, in one place for sign-in, setup, refresh and sign-out. */
import type { Cookies } from '@sveltejs/kit';
import { DEVICE_COOKIE, DEVICE_COOKIE_TTL_MS } from './device-cookie';
import { SESSION_COOKIE } from './session';

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: url.protocol === 'https:'
	});
}

/**
 * The device cookie goes only to `/login` (the one place that reads it) and outlives sign-out:
 * it marks the browser, not the session.
 */
export function setDeviceCookie(cookies: Cookies, value: string, url: URL, now = Date.now()): void {
	cookies.set(DEVICE_COOKIE, value, {
		httpOnly: true,
		sameSite: 'strict',
		path: '/login',
		secure: url.protocol === 'https:',
		expires: new Date(now + DEVICE_COOKIE_TTL_MS)
	});
}
