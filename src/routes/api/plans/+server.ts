import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/services/api-access';
import { listPlansForUser } from '$lib/server/services/plans';
import type { RequestHandler } from './$types';

/** The plans the signed-in user is a member of (administrators: all). */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals.user);
	return json(await listPlansForUser(await getDb(), user));
};
