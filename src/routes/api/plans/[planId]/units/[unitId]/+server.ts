import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest, textField } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { MAX_UNIT_NAME, renameUnit } from '$lib/server/services/units';
import { isSteering } from '$lib/shared/supervision/membership';
import type { RequestHandler } from './$types';

/** Renames a unit (admins and leaders): its tasks, members and notices follow the new name. */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (!isSteering(member)) return json({ error: 'forbidden' }, { status: 403 });
	const body = await readJsonRequest(request, false);
	if (!body.ok) return body.response;
	const name = textField(body.value, 'name', MAX_UNIT_NAME);
	if (!name) return invalidFields(['name']);
	const res = await renameUnit(db, { planId: params.planId, unitId: params.unitId, name, userId: user.id });
	if (res.ok) return json({ ...res.unit, tasks: res.tasks });
	return json({ error: res.status === 404 ? 'not_found' : 'name_taken' }, { status: res.status });
};
