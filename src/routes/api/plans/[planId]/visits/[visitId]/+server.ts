import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { MAX_VISIT_BODY_BYTES, parseJsonBody, updateVisit } from '$lib/server/services/visits';
import type { RequestHandler } from './$types';

/**
 * [V5][V6] Edits a visit (its author until confirmed; admins and leaders always), or logs a
 * planned visit as done with `{"status": "logged"}`. Every change leaves a revision.
 */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (Number(request.headers.get('content-length') ?? 0) > MAX_VISIT_BODY_BYTES) {
		return json({ error: 'body_too_large', fields: ['body'] }, { status: 400 });
	}
	const body = parseJsonBody(await request.text().catch(() => ''));
	if (!body.ok) return json({ error: 'malformed_json', fields: ['body'] }, { status: 400 });
	const result = await updateVisit(db, {
		planId: params.planId,
		visitId: params.visitId,
		userId: user.id,
		member,
		patch: body.value
	});
	if (result.ok) return json(result.visit);
	if (result.status === 400) {
		return json({ error: 'invalid_fields', fields: result.fields, ...(result.reasons?.date ? { reasons: result.reasons } : {}) }, { status: 400 });
	}
	return json({ error: result.status === 404 ? 'not_found' : 'forbidden' }, { status: result.status });
};
