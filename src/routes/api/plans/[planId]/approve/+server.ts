import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { approvePlan } from '$lib/server/services/approvals';
import { isSteering } from '$lib/shared/supervision/membership';
import type { RequestHandler } from './$types';

/** Approves the plan as it stands (admins and leaders): its task dates become the approved baseline. */
export const POST: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (!isSteering(member)) return json({ error: 'forbidden' }, { status: 403 });
	const { version, approvedAt, approvedBy } = await approvePlan(db, params.planId, user.id);
	return json({ version, approvedAt, approvedBy }, { status: 201 });
};
