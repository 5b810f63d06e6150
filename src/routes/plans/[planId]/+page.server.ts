import { getDb } from '$lib/server/db';
import { getPlanOverview } from '$lib/server/services/overview';
import { readDayCounting } from '$lib/server/services/plan-calendar';
import { dayCounter } from '$lib/shared/calendar/day-counter';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const { plan } = await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	// [WD9] The page summarises the live plan with the same counter once it arrives.
	const dayCounting = await readDayCounting(db, plan);
	const overview = await getPlanOverview(db, params.planId, todayInShanghai(), dayCounter(dayCounting.dayCount, dayCounting.days));
	return { overview, dayCounting };
};
