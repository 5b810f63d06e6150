import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/services/api-access';
import { attentionFor } from '$lib/server/services/attention';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { RequestHandler } from './$types';

/** What concerns the signed-in user and needs action ([A1], [A2]); 401 without a session. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals.user);
	const items = await attentionFor(await getDb(), user, todayInShanghai());
	return json(items, { headers: { 'cache-control': 'no-store' } });
};
