import { json } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { invalidFields, readJsonRequest } from '$lib/server/http/json-request';
import { requirePlanMember } from '$lib/server/services/api-access';
import { editsBriefings } from '$lib/server/services/briefing-access';
import { draftNew, listBriefings, parsePeriod } from '$lib/server/services/briefings';
import { briefingWords } from '$lib/supervision/briefing-words';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** The plan's briefings, newest period first (drafts only for those who edit them). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member } = await requirePlanMember(db, locals.user, params.planId);
	return json(await listBriefings(db, params.planId, editsBriefings(member)));
};

/** Drafts a briefing for `{ from, to, title? }` (admins and leaders), its text pre-written from the figures. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (!editsBriefings(member)) return json({ error: 'forbidden' }, { status: 403 });
	const body = await readJsonRequest(request, false);
	if (!body.ok) return body.response;
	const today = todayInShanghai();
	const period = parsePeriod(body.value, today);
	if (!period.ok) return invalidFields(period.fields);
	const title = period.title ?? m.br_title_default({ from: period.from, to: period.to });
	const briefing = await draftNew(db, { planId: params.planId, userId: user.id, key: body.key, from: period.from, to: period.to, title, words: briefingWords, today });
	return json(briefing, { status: 201 });
};
