import { getDb } from '$lib/server/db';
import { getPlanOverview } from '$lib/server/services/overview';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout's membership check must run even when the client skips it
	return { overview: await getPlanOverview(await getDb(), params.planId, todayInShanghai()) };
};
