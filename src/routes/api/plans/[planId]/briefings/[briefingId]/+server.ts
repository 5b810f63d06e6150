import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest, textField } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { editsBriefings, seesBriefing } from '$lib/server/services/briefing-access';
import { editDraft, getBriefing } from '$lib/server/services/briefings';
import { parseBriefingText } from '$lib/shared/supervision/briefing';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** One briefing with its figures (a draft's computed now, a published one's as frozen). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	const b = await getBriefing(db, params.planId, params.briefingId, user.id, todayInShanghai());
	if (!b || !seesBriefing(member, b)) return json({ error: 'not_found' }, { status: 404 });
	return json(b);
};

/** Replaces a draft's `title` and `sections`; a published briefing is frozen (409). */
export const PUT: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (!editsBriefings(member)) return json({ error: 'forbidden' }, { status: 403 });
	const body = await readJsonRequest(request, false);
	if (!body.ok) return body.response;
	const title = textField(body.value, 'title', 200);
	const sections = parseBriefingText(body.value.sections);
	const bad = [...(title ? [] : ['title']), ...(sections ? [] : ['sections'])];
	if (bad.length) return invalidFields(bad);
	const res = await editDraft(db, { planId: params.planId, id: params.briefingId, userId: user.id, title: title!, sections: sections!, today: todayInShanghai() });
	if (res.ok) return json(res.briefing);
	return json({ error: res.status === 404 ? 'not_found' : 'published' }, { status: res.status });
};
