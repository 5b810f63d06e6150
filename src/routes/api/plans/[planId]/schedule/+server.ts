import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { planSchedule } from '$lib/server/services/schedule';
import type { RequestHandler } from './$types';

/** Late finish, slack, critical tasks and dependency violations of the live plan (contract v2). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(await planSchedule(db, params.planId), { headers: { 'cache-control': 'no-store' } });
};
