import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { editsBriefings, seesBriefing } from '$lib/server/services/briefing-access';
import { getBriefing } from '$lib/server/services/briefings';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { member } = await parent();
	const b = await getBriefing(await getDb(), params.planId, params.briefingId, locals.user!.id, todayInShanghai());
	if (!b || !seesBriefing(member, b)) error(404, m.failure_not_found());
	return { briefing: b, canEdit: editsBriefings(member) && b.status === 'draft' };
};
