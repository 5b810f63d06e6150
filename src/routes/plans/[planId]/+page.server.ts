import { getDb } from '$lib/server/db';
import { getPlanOverview } from '$lib/server/services/overview';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	return { overview: await getPlanOverview(await getDb(), params.planId, todayInShanghai()) };
};
