import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { workingCalendarFor } from '$lib/server/services/plan-calendar';
import { parseIsoDate } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** Spans longer than this are refused: a count over centuries of calendars is no school question. */
const MAX_SPAN_YEARS = 20;

/** [WD2] `{ count }`: the working days in `[from, to]`, both included, for every member. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	const from = parseIsoDate(url.searchParams.get('from') ?? undefined);
	const to = parseIsoDate(url.searchParams.get('to') ?? undefined);
	const bad = [...(from.ok ? [] : ['from']), ...(to.ok ? [] : ['to'])];
	if (!bad.length && from.ok && to.ok && Number(to.value.slice(0, 4)) - Number(from.value.slice(0, 4)) > MAX_SPAN_YEARS) bad.push('to');
	if (bad.length || !from.ok || !to.ok) return invalidFields(bad);
	const calendar = await workingCalendarFor(db, params.planId, from.value, to.value);
	return json({ count: calendar.count(from.value, to.value) });
};
