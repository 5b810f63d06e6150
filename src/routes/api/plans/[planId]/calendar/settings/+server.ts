import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields } from '$lib/server/http/json-request';
import { requirePlanMember, steeringJsonWrite } from '$lib/server/services/api-access';
import { readDayCount, writeDayCount } from '$lib/server/services/plan-calendar';
import { DAY_COUNTS, type DayCount } from '$lib/shared/calendar/types';
import type { RequestHandler } from './$types';

/** The plan's day count (`calendar` or `working` days), for every member. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json({ dayCount: await readDayCount(db, params.planId) });
};

/** Sets the day count (admins and leaders). */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const dayCount = write.body.dayCount;
	if (!DAY_COUNTS.includes(dayCount as DayCount)) return invalidFields(['dayCount']);
	await writeDayCount(db, params.planId, dayCount as DayCount);
	return json({ dayCount });
};
