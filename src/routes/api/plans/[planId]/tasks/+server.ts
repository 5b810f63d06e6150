import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listTasks, withApiDates } from '$lib/server/services/plans';
import type { RequestHandler } from './$types';

/** The plan's tasks in table order, read from the projection of the live document. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(withApiDates(await listTasks(db, params.planId), ['start', 'due']), { headers: { 'cache-control': 'no-store' } });
};
