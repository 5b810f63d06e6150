import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, textField } from '$lib/server/http/json-request';
import { requirePlanMember, steeringJsonWrite } from '$lib/server/services/api-access';
import { listUnits, MAX_UNIT_NAME, registerUnits } from '$lib/server/services/units';
import type { RequestHandler } from './$types';

/** The plan's responsible units (责任单位). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	return json(await listUnits(db, params.planId));
};

/** Registers a unit by name (admins and leaders); an existing name is answered with the registry unchanged. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const { user, body: value } = write;
	const name = textField(value, 'name', MAX_UNIT_NAME);
	if (!name) return invalidFields(['name']);
	const all = await registerUnits(db, params.planId, [name]);
	return json(all.find((u) => u.name === name), { status: 201 });
};
