import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields } from '$lib/server/http/json-request';
import { requirePlanMember, steeringJsonWrite } from '$lib/server/services/api-access';
import { readPlanCalendar, writePlanCalendar } from '$lib/server/services/plan-calendar';
import { parseCalendarInput, parseCalendarYear } from '$lib/shared/calendar/calendar-input';
import type { PlanCalendar } from '$lib/shared/calendar/types';
import type { RequestHandler } from './$types';

const answer = (c: PlanCalendar) => json({ year: c.year, source: c.source, weekendsOnly: c.weekendsOnly, semesters: c.semesters, days: c.days });

/** [WD4] The plan's calendar of `?year=`, for every member. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	const year = parseCalendarYear(url.searchParams.get('year'));
	if (year === null) return invalidFields(['year']);
	return answer(await readPlanCalendar(db, params.planId, year));
};

/** [WD4] Replaces the year's semesters and days (admins and leaders). */
export const PUT: RequestHandler = async ({ locals, params, request, url }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const year = parseCalendarYear(url.searchParams.get('year'));
	if (year === null) return invalidFields(['year']);
	const input = parseCalendarInput(write.body, year);
	if (!input.ok) return invalidFields(input.fields);
	return answer(await writePlanCalendar(db, { planId: params.planId, year, userId: write.user.id, calendar: input.value }));
};
