import { getDb } from '$lib/server/db';
import { indicatorBoard } from '$lib/server/services/indicators';
import { listSchools } from '$lib/server/services/plans';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

/**
 * The goal groups and their indicators with figures, trend and per-school spread ([I5]). The page
 * re-runs this load (`app:indicators`) when its poll of `GET …/indicators` sees a change.
 */
export const load: PageServerLoad = async ({ params, parent, depends, locals }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	depends('app:indicators');
	const db = await getDb();
	const [board, schools] = await Promise.all([indicatorBoard(db, params.planId, locals.user!.id), listSchools(db, params.planId)]);
	return {
		...board,
		schools: schools.map(({ id, name, pilot }) => ({ id, name, pilot })),
		today: todayInShanghai()
	};
};
