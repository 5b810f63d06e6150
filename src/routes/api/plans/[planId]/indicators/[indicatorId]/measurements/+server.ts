import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import {
	MAX_MEASUREMENT_BODY_BYTES,
	addMeasurement,
	findIndicator,
	listMeasurements,
	parseMeasurementBody
} from '$lib/server/services/indicators';
import { readIdempotentJson } from '$lib/server/http/json-request';
import { withApiDates } from '$lib/server/services/plans';
import type { RequestHandler } from './$types';

const notFound = () => json({ error: 'unknown_indicator' }, { status: 404 });

/** [I4] The indicator's measurement history, oldest first, for every member. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { user } = await requirePlanMember(db, locals.user, params.planId);
	if (!(await findIndicator(params.planId, user.id, params.indicatorId))) return notFound();
	return json(withApiDates(await listMeasurements(db, params.planId, params.indicatorId), ['date']));
};

const invalid = (error: string, fields: string[]) => json({ error, fields }, { status: 400 });

/** [I4] Enters a measurement; the Idempotency-Key makes a retried request return the first one. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);

	const read = await readIdempotentJson(request, MAX_MEASUREMENT_BODY_BYTES, parseMeasurementBody);
	if (!read.ok) return read.response;

	const result = await addMeasurement(db, {
		planId: params.planId,
		indicatorId: params.indicatorId,
		userId: user.id,
		member,
		key: read.key,
		body: read.body
	});
	if (result.ok) return json(result.measurement, { status: 201 });
	if (result.status === 400) return invalid('invalid_fields', result.fields);
	if (result.status === 422) return json({ error: result.error }, { status: 422 });
	return result.status === 404 ? notFound() : json({ error: 'forbidden' }, { status: 403 });
};
