import { getDb } from '$lib/server/db';
import { listSchools } from '$lib/server/services/plans';
import { listPairings, visitTallies } from '$lib/server/services/pairings';
import { listVisits } from '$lib/server/services/visits';
import { knownSemesters } from '$lib/server/services/plan-calendar';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

/**
 * The board renders from the projection at once; the live pairings document takes over when it
 * arrives. Visits are relational: the board re-runs this load (`app:pairing-visits`) whenever the
 * pairings room's visit counter moves ([B8]).
 */
export const load: PageServerLoad = async ({ params, parent, depends }) => {
	const { member } = await parent(); // the layout's membership check must run even when the client skips it
	depends('app:pairing-visits');
	const db = await getDb();
	const today = todayInShanghai();
	const [schools, pairings, visits, tallies, semesters] = await Promise.all([
		listSchools(db, params.planId),
		listPairings(db, params.planId, today),
		listVisits(db, params.planId, member),
		visitTallies(db, params.planId),
		knownSemesters(db, params.planId, today) // [B5] "this semester" as the plan calendar says
	]);
	return {
		schools,
		pairings: pairings.map(({ strong, weak, modes, start, end, target, ended, id }) => ({
			id,
			strong,
			weak,
			modes,
			start,
			end,
			target,
			...(ended ? { ended } : {})
		})),
		visits,
		tallies,
		semesters,
		today
	};
};
