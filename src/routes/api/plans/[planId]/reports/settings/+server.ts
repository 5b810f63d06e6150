import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { getRhythm, parseRhythm, setRhythm } from '$lib/server/services/reports';
import { isSteering } from '$lib/shared/supervision/membership';
import type { RequestHandler } from './$types';

/** The plan's reporting rhythm: cadence, due weekday, fortnight anchor, who reports. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(await getRhythm(db, params.planId));
};

/** Sets the rhythm (admins and leaders). */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member } = await requirePlanMember(db, locals.user, params.planId);
	if (!isSteering(member)) return json({ error: 'forbidden' }, { status: 403 });
	const body = await readJsonRequest(request, false);
	if (!body.ok) return body.response;
	const rhythm = parseRhythm(body.value);
	if (!rhythm.ok) return invalidFields(rhythm.fields);
	await setRhythm(db, params.planId, rhythm.value);
	return json(rhythm.value);
};
