import { getDb } from '$lib/server/db';
import { listSchools, listTasks } from '$lib/server/services/plans';
import { getPlanPhases } from '$lib/server/services/overview';
import type { PageServerLoad } from './$types';

/**
 * The projection's rows draw the chart at once (the live document then takes over), and the
 * pilot schools are listed so their milestone rooms can be opened on demand.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [tasks, phases, schools] = await Promise.all([listTasks(db, params.planId), getPlanPhases(db, params.planId), listSchools(db, params.planId)]);
	return { tasks, phases, pilots: schools.filter((s) => s.pilot).map((s) => ({ id: s.id, name: s.name })) };
};
