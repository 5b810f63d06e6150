import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { confirmVisit } from '$lib/server/services/visits';
import type { RequestHandler } from './$types';

/** The host school's liaison (or an admin or leader) confirms that a visit took place. */
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
		return json({ error: result.status === 404 ? 'not_found' : 'forbidden' }, { status: result.status });
	}
	return json(result.visit);
};
