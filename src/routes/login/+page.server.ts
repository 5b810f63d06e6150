import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { signIn, safeRedirectPath } from '$lib/server/auth/login';
import { countUsers } from '$lib/server/auth/setup';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setDeviceCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { DEVICE_COOKIE, deviceSecret, issueDeviceCookie } from '$lib/server/auth/device-cookie';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), url.origin));
	// An empty database waits for first-run setup; say so instead of refusing every password.
	return { needsSetup: (await countUsers(await getDb())) === 0 };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = typeof form.get('username') === 'string' ? (form.get('username') as string) : '';
		const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : '';
		if (!username.trim() || !password) {
			return fail(400, { username, message: m.auth_error_missing() });
		}
		let address = 'unknown';
		try {
			address = event.getClientAddress();
		} catch {
			// behind a proxy without ADDRESS_HEADER the address may be unavailable; the account limit still applies
		}
		const db = await getDb();
		const secret = await deviceSecret(db);
		const deviceCookie = event.cookies.get(DEVICE_COOKIE) ?? null;
		const result = await signIn(db, { username, password, address, deviceCookie, deviceSecret: secret });
		if (!result.ok) {
			if (result.reason === 'invalid') return fail(400, { username, message: m.auth_error_invalid() });
			const seconds = Math.max(1, Math.ceil((result.retryAt - Date.now()) / 1000));
			event.setHeaders({ 'retry-after': String(seconds) });
			return fail(429, { username, message: m.auth_error_rate_limited({ seconds }) });
		}
		// A new device cookie on every sign-in: this browser is now known for this account.
		setDeviceCookie(event.cookies, issueDeviceCookie(secret, result.username), event.url);
		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId);
		setSessionCookie(event.cookies, token, session.expiresAt, event.url);
		redirect(303, safeRedirectPath(event.url.searchParams.get('redirectTo'), event.url.origin));
	}
};
