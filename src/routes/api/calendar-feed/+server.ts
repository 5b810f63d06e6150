import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/services/api-access';
import { createCalendarFeed, revokeCalendarFeeds } from '$lib/server/services/calendar';
import type { RequestHandler } from './$types';

/** A new secret calendar URL for the signed-in user; it is shown only this once. */
export const POST: RequestHandler = async ({ locals, url }) => {
	const user = requireUser(locals.user);
	const secret = await createCalendarFeed(await getDb(), user.id);
	return json({ url: `${url.origin}/calendar/${secret}.ics` }, { status: 201 });
};

/** Revokes every calendar URL of the signed-in user; the old URLs answer 404 from now on. */
export const DELETE: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals.user);
	const revoked = await revokeCalendarFeeds(await getDb(), user.id);
	return json({ revoked });
};
