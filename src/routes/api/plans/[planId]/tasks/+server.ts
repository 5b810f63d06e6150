import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { withApiDates } from '$lib/server/services/plans';
import { readPlanTasks } from '$lib/server/services/plan-read';
import { TASK_FIELD } from '$lib/shared/sync/kinds/plan';
import type { RequestHandler } from './$types';

/** The plan's tasks in table order, by the one read rule (`$lib/server/services/plan-read`). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(withApiDates(await readPlanTasks(db, params.planId), [TASK_FIELD.start, TASK_FIELD.due]), { headers: { 'cache-control': 'no-store' } });
};
