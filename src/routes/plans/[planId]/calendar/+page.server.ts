import { getDb } from '$lib/server/db';
import { readDayCount, readPlanCalendar } from '$lib/server/services/plan-calendar';
import { parseCalendarYear } from '$lib/shared/calendar/calendar-input';
import { isSteering } from '$lib/shared/supervision/membership';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

/** [WD4] One year of the plan's school calendar (`?year=`, else this year) and the day count. */
export const load: PageServerLoad = async ({ params, parent, url }) => {
	const { member } = await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const year = parseCalendarYear(url.searchParams.get('year')) ?? Number(todayInShanghai().slice(0, 4));
	const [calendar, dayCount] = await Promise.all([readPlanCalendar(db, params.planId, year), readDayCount(db, params.planId)]);
	return { calendar, dayCount, canEdit: isSteering(member) };
};
