import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { attentionFor } from '$lib/server/services/attention';
import { figuresToEnter } from '$lib/server/services/attention-figures';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	depends('app:attention-figures');
	const db = await getDb();
	const today = todayInShanghai();
	const [items, figures] = await Promise.all([attentionFor(db, locals.user, today), figuresToEnter(db, locals.user, today)]);
	return { items, figures, today };
};
