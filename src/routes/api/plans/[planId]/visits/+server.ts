import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { withApiDates } from '$lib/server/services/plans';
import {
	MAX_VISIT_BODY_BYTES,
	listVisits,
	logVisit,
	parseJsonBody,
	parseVisitInput,
	withDateProblem
} from '$lib/server/services/visits';
import { readIdempotentJson } from '$lib/server/http/json-request';
import type { RequestHandler } from './$types';

/** The visits this member may see. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member } = await requirePlanMember(db, locals.user, params.planId);
	return json(withApiDates(await listVisits(db, params.planId, member), ['date']));
};

const invalid = (error: string, fields: string[], reasons?: object) =>
	json({ error, fields, ...(reasons && Object.keys(reasons).length ? { reasons } : {}) }, { status: 400 });

/** Logs a visit; the Idempotency-Key makes a retried request return the first visit. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);

	const read = await readIdempotentJson(request, MAX_VISIT_BODY_BYTES, parseJsonBody);
	if (!read.ok) return read.response;
	const { key, body } = read;
	const input = parseVisitInput(body);
	if (!input.ok) {
		const all = await withDateProblem(db, params.planId, body, input.fields);
		return invalid('invalid_fields', all.fields, all.reasons);
	}

	const result = await logVisit(db, {
		planId: params.planId,
		userId: user.id,
		member,
		key,
		input: input.value
	});
	if (result.ok) return json(result.visit, { status: 201 });
	if (result.status === 400) return invalid('invalid_fields', result.fields, result.reasons);
	if (result.status === 403) return json({ error: 'not_a_partner' }, { status: 403 });
	return json({ error: result.error }, { status: 422 });
};
