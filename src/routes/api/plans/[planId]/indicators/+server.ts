import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listIndicatorFigures } from '$lib/server/services/indicators';
import { withApiDates } from '$lib/server/services/plans';
import type { RequestHandler } from './$types';

/** [I4] Every indicator of the plan with its figures (contract v2), for every member. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { user } = await requirePlanMember(db, locals.user, params.planId);
	return json(withApiDates(await listIndicatorFigures(db, params.planId, user.id), ['measuredAt']));
};
