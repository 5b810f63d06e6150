import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields } from '$lib/server/http/json-request';
import { requirePlanMember, steeringJsonWrite } from '$lib/server/services/api-access';
import { issueNotice, listNotices, parseNotice } from '$lib/server/services/notices';
import { addressedTo, overseesPlan } from '$lib/shared/supervision/membership';
import { unitsOfUser } from '$lib/server/services/units';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/**
 * The plan's notices, newest first: all of them for admins, leaders and viewers; for anyone else
 * the ones addressed to their unit or school.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	const all = await listNotices(db, params.planId, todayInShanghai());
	if (overseesPlan(member)) return json(all);
	const units = await unitsOfUser(db, user.id);
	return json(all.filter((n) => addressedTo(member, units, n)));
};

/** [N1] Issues a notice (admins and leaders) on a task or milestone that is behind or overdue. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const write = await steeringJsonWrite(db, locals.user, params.planId, request);
	if (!write.ok) return write.response;
	const { user, body: value, key } = write;
	const today = todayInShanghai();
	const input = parseNotice(value, today);
	if (!input.ok) return invalidFields(input.fields);
	const result = await issueNotice(db, { planId: params.planId, userId: user.id, key: key, input: input.value, today });
	if (result.ok) return json(result.notice, { status: 201 });
	if (result.status === 400) return invalidFields(result.fields);
	return json({ error: 'not_behind', state: result.state }, { status: 409 });
};
