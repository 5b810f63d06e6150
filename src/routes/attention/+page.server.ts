import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { attentionFor } from '$lib/server/services/attention';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	return { items: await attentionFor(await getDb(), locals.user, todayInShanghai()) };
};
