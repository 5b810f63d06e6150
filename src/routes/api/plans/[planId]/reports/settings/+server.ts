import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields } from '$lib/server/http/json-request';
import { requirePlanMember, steeringJsonWrite } from '$lib/server/services/api-access';
import { getRhythm, parseRhythm, setRhythm } from '$lib/server/services/reports';
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
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const { user, body: value } = write;
	const rhythm = parseRhythm(value);
	if (!rhythm.ok) return invalidFields(rhythm.fields);
	await setRhythm(db, params.planId, rhythm.value);
	return json(rhythm.value);
};
