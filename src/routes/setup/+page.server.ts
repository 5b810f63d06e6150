import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { completeSetup, setupTokenState } from '$lib/server/auth/setup';
import { parseNewUser } from '$lib/server/auth/user-input';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { fieldMessages } from '$lib/server/auth/field-messages';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token');
	return { state: await setupTokenState(await getDb(), token), token: token ?? '' };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const token = String(form.get('token') ?? '');
		const values = { username: String(form.get('username') ?? ''), displayName: String(form.get('displayName') ?? '') };
		const parsed = parseNewUser(form, { confirm: true });
		if (!parsed.ok) return fail(400, { ...values, errors: fieldMessages(parsed.errors) });
		const db = await getDb();
		const result = await completeSetup(db, token, parsed.value);
		if (!result.ok) {
			return fail(result.reason === 'done' ? 409 : 403, {
				...values,
				errors: {},
				message: result.reason === 'done' ? m.setup_already_done() : m.setup_invalid_token()
			});
		}
		const sessionToken = generateSessionToken();
		const session = await createSession(db, sessionToken, result.userId);
		setSessionCookie(event.cookies, sessionToken, session.expiresAt, event.url);
		redirect(303, '/admin');
	}
};
