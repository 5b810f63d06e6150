import { getDb } from '$lib/server/db';
import { listTaskPreview } from '$lib/server/services/plans';
import { getPlanPhases } from '$lib/server/services/overview';
import { listUnits } from '$lib/server/services/units';
import { readDayCounting } from '$lib/server/services/plan-calendar';
import type { PageServerLoad } from './$types';

/**
 * The projection's first rows render the table at once (a phone on a slow link sees them before
 * the live document arrives); the live document then takes over with every task.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { plan } = await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [preview, phases, units, dayCounting] = await Promise.all([
		listTaskPreview(db, params.planId),
		getPlanPhases(db, params.planId),
		listUnits(db, params.planId),
		readDayCounting(db, plan) // [WD9] durations, due within N days, expected progress
	]);
	// the registry's units come first among the unit field's suggestions
	return { tasks: preview.tasks, taskTotal: preview.total, phases, units: units.map((u) => u.name), dayCounting };
};
