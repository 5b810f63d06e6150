import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listPilotMilestones, withApiDates } from '$lib/server/services/plans';
import { MILESTONE_FIELD } from '$lib/shared/sync/kinds/school';
import type { RequestHandler } from './$types';

/** Every pilot school's milestones, from the projection of the school documents. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(withApiDates(await listPilotMilestones(db, params.planId), [MILESTONE_FIELD.due, MILESTONE_FIELD.doneOn]), { headers: { 'cache-control': 'no-store' } });
};
