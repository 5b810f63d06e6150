import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest, textField } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { listUnits, MAX_UNIT_NAME, registerUnits } from '$lib/server/services/units';
import { isSteering } from '$lib/shared/supervision/membership';
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
	const { member } = await requirePlanMember(db, locals.user, params.planId);
	if (!isSteering(member)) return json({ error: 'forbidden' }, { status: 403 });
	const body = await readJsonRequest(request, false);
	if (!body.ok) return body.response;
	const name = textField(body.value, 'name', MAX_UNIT_NAME);
	if (!name) return invalidFields(['name']);
	const all = await registerUnits(db, params.planId, [name]);
	return json(all.find((u) => u.name === name), { status: 201 });
};
