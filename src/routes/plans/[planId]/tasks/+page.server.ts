import { getDb } from '$lib/server/db';
import { listTasks } from '$lib/server/services/plans';
import { getPlanPhases } from '$lib/server/services/overview';
import type { PageServerLoad } from './$types';

/**
 * The projection's rows render the table at once (a phone on a slow link sees it before the live
 * document arrives); the live document then takes over.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [tasks, phases] = await Promise.all([listTasks(db, params.planId), getPlanPhases(db, params.planId)]);
	return { tasks, phases };
};
