import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields } from '$lib/server/http/json-request';
import { requirePlanMember, steeringJsonWrite } from '$lib/server/services/api-access';
import { createChangeRequest, listChangeRequests, parseChangeRequest } from '$lib/server/services/change-requests';
import type { RequestHandler } from './$types';

/** The plan's change requests, newest first, for every member; `?taskId=` narrows to one task. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(await listChangeRequests(db, params.planId, url.searchParams.get('taskId') ?? undefined));
};

/** [CR4] A writer of the plan room asks to move an approved due later, or to remove a task. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const { user, body: value, key } = write;
	const input = parseChangeRequest(value);
	if (!input.ok) return invalidFields(input.fields);
	const result = await createChangeRequest(db, { planId: params.planId, userId: user.id, key: key, input: input.value });
	if (!result.ok) return json({ error: result.error }, { status: result.status });
	return json({ id: result.id, status: result.status }, { status: result.replayed ? 200 : 201 });
};
