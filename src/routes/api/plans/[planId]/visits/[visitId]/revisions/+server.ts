import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listVisitRevisions } from '$lib/server/services/visits';
import type { RequestHandler } from './$types';

/** [V6] The visit's revision trail, oldest first, for whoever may see the visit. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member } = await requirePlanMember(db, locals.user, params.planId);
	const revisions = await listVisitRevisions(db, { planId: params.planId, visitId: params.visitId, member });
	if (!revisions) return json({ error: 'not_found' }, { status: 404 });
	return json(revisions);
};
