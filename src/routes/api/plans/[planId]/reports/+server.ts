import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { currentCycle, parseReport, reportsOfCycle, submitReport } from '$lib/server/services/reports';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** The reports of a cycle (`?cycleId=`, default the current one), for every member of the plan. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	const cycleId = url.searchParams.get('cycleId') ?? (await currentCycle(db, params.planId, todayInShanghai())).cycle.id;
	return json(await reportsOfCycle(db, params.planId, cycleId));
};

/** [RC4] Submits a report or a nil report (本期无进展) for a reporter the user may report for. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	const body = await readJsonRequest(request, true);
	if (!body.ok) return body.response;
	const input = parseReport(body.value);
	if (!input.ok) return invalidFields(input.fields);
	const result = await submitReport(db, { planId: params.planId, userId: user.id, member, key: body.key!, input: input.value, today: todayInShanghai() });
	if (result.ok) return json(result.report, { status: 201 });
	if (result.status === 400) return invalidFields(result.fields);
	return json({ error: 'not_a_reporter' }, { status: 403 });
};
