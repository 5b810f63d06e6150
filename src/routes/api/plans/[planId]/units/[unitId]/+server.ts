import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, textField } from '$lib/server/http/json-request';
import { steeringJsonWrite } from '$lib/server/services/api-access';
import { MAX_UNIT_NAME, renameUnit } from '$lib/server/services/units';
import type { RequestHandler } from './$types';

/** Renames a unit (admins and leaders): its tasks, members and notices follow the new name. */
export const PATCH: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const { user, body: value } = write;
	const name = textField(value, 'name', MAX_UNIT_NAME);
	if (!name) return invalidFields(['name']);
	const res = await renameUnit(db, { planId: params.planId, unitId: params.unitId, name, userId: user.id });
	if (res.ok) return json({ ...res.unit, tasks: res.tasks });
	return json({ error: res.status === 404 ? 'not_found' : 'name_taken' }, { status: res.status });
};
