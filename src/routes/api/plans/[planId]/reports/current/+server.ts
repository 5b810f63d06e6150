import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { currentCycle, cycleStatus } from '$lib/server/services/reports';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** [RC4] The cycle containing today and each reporter's status in it, for every member. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	const { rhythm, cycle } = await currentCycle(db, params.planId, todayInShanghai());
	const { cycle: c, reporters } = await cycleStatus(db, params.planId, rhythm, cycle);
	return json({ cycle: c, reporters });
};
