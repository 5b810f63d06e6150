import { getDb } from '$lib/server/db';
import { listTaskPreview } from '$lib/server/services/plans';
import { getPlanPhases } from '$lib/server/services/overview';
import { listUnits } from '$lib/server/services/units';
import type { PageServerLoad } from './$types';

/**
 * The projection's first rows render the table at once (a phone on a slow link sees them before
 * the live document arrives); the live document then takes over with every task.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [preview, phases, units] = await Promise.all([listTaskPreview(db, params.planId), getPlanPhases(db, params.planId), listUnits(db, params.planId)]);
	// the registry's units come first among the unit field's suggestions
	return { tasks: preview.tasks, taskTotal: preview.total, phases, units: units.map((u) => u.name) };
};
