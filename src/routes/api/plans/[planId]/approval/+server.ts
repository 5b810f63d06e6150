import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { latestApproval, limitsOf } from '$lib/server/services/approvals';
import type { RequestHandler } from './$types';

/**
 * The latest approval (404 before any), with the limits the live room holds each approved task to
 * (`limits`: task id → `{ due, removable }`), so a page can ask for a request before it writes.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	const approval = await latestApproval(db, params.planId);
	if (!approval) return json({ error: 'not_approved' }, { status: 404 });
	const limits = await limitsOf(db, params.planId, approval);
	const { baseline: _baseline, ...answer } = approval;
	return json({ ...answer, limits: Object.fromEntries(limits) });
};
