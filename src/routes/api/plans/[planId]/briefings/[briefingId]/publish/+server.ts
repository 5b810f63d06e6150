import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { editsBriefings } from '$lib/server/services/briefing-access';
import { publish } from '$lib/server/services/briefings';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** Publishes a draft, freezing its text and figures; publishing again answers it unchanged. */
export const POST: RequestHandler = async ({ locals, params }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	if (!editsBriefings(member)) return json({ error: 'forbidden' }, { status: 403 });
	const b = await publish(db, { planId: params.planId, id: params.briefingId, userId: user.id, today: todayInShanghai() });
	return b ? json(b) : json({ error: 'not_found' }, { status: 404 });
};
