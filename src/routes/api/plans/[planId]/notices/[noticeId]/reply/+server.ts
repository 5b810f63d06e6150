import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest, textField } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { MAX_NOTICE_TEXT, replyToNotice } from '$lib/server/services/notices';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

const ERRORS = { 403: 'not_responsible', 404: 'not_found', 409: 'closed' } as const;

/** [N3] The responsible unit's or school's reply; resending the same text changes nothing. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	const body = await readJsonRequest(request, false);
	if (!body.ok) return body.response;
	const text = textField(body.value, 'text', MAX_NOTICE_TEXT);
	if (!text) return invalidFields(['text']);
	const result = await replyToNotice(db, { planId: params.planId, noticeId: params.noticeId, userId: user.id, member, text, today: todayInShanghai() });
	if (result.ok) return json(result.notice);
	return json({ error: ERRORS[result.status] }, { status: result.status });
};
