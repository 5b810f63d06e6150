import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { confirmVisit } from '$lib/server/services/visits';
import type { RequestHandler } from './$types';

/**
 * The host school's liaison (or an admin or leader) confirms that a visit took place; a planned
 * visit is first logged as done ([V4], 409).
 */
export const POST: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	const result = await confirmVisit(db, {
		planId: params.planId,
		visitId: params.visitId,
		userId: user.id,
		member
	});
	if (!result.ok) {
		const error = { 403: 'forbidden', 404: 'not_found', 409: 'planned_visit' }[result.status];
		return json({ error }, { status: result.status });
	}
	return json(result.visit);
};
