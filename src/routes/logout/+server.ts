import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import type { RequestHandler } from './$types';

/** Ends the session server-side (the old cookie stops working everywhere) and clears the cookie. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.session) await invalidateSession(await getDb(), locals.session.id);
	deleteSessionCookie(cookies, url);
	redirect(303, '/login');
};
