import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, textField } from '$lib/server/http/json-request';
import { steeringJsonWrite } from '$lib/server/services/api-access';
import { decideChangeRequest } from '$lib/server/services/change-requests';
import type { RequestHandler } from './$types';

/** [CR1] An admin or a leader other than the requester approves or refuses a pending request. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const { user, body: value } = write;
	const fields: string[] = [];
	if (typeof value.approve !== 'boolean') fields.push('approve');
	const note = value.note === undefined ? '' : textField(value, 'note', 2000);
	if (note === null || note === undefined) fields.push('note');
	if (fields.length) return invalidFields(fields);
	const result = await decideChangeRequest(db, { planId: params.planId, id: params.requestId, userId: user.id, approve: value.approve as boolean, note: note ?? '' });
	if (!result.ok) return json({ error: result.error }, { status: result.status });
	return json(result.request);
};
