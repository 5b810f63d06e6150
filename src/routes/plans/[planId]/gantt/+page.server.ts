import { getDb } from '$lib/server/db';
import { listSchools, listTaskPreview } from '$lib/server/services/plans';
import { getPlanPhases } from '$lib/server/services/overview';
import { readDayCount, readPlanCalendars, yearsOf } from '$lib/server/services/plan-calendar';
import type { PageServerLoad } from './$types';

/**
 * The projection's first rows draw the chart at once (the live document then takes over), and the
 * pilot schools are listed so their milestone rooms can be opened on demand.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [preview, phases, schools] = await Promise.all([listTaskPreview(db, params.planId), getPlanPhases(db, params.planId), listSchools(db, params.planId)]);
	// The holidays of the years the phases span, shaded on the chart ([G15]) and, when the plan
	// counts working days, the days of its durations and expected progress ([WD9]).
	const [from, to] = yearsOf(phases.flatMap((p) => [p.start, p.end]));
	const [calendars, dayCount] = await Promise.all([readPlanCalendars(db, params.planId, from, to), readDayCount(db, params.planId)]);
	const calendarDays = calendars.flatMap((c) => c.days);
	return { tasks: preview.tasks, taskTotal: preview.total, phases, pilots: schools.filter((s) => s.pilot).map((s) => ({ id: s.id, name: s.name })), calendarDays, dayCount };
};
