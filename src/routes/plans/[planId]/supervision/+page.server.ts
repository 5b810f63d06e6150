import { getDb } from '$lib/server/db';
import * as m from '$lib/paraglide/messages';
import { supervisionView } from '$lib/server/services/supervision-view';
import { todayInShanghai } from '$lib/shared/plan/dates';
import type { DraftWords } from '$lib/shared/supervision/report-draft';
import type { PageServerLoad } from './$types';

/** Drafts are written in the reader's language (the request's locale). */
const words = (): DraftWords => ({
	progress: (title, percent) => m.sv_draft_progress({ title, percent: String(percent) }),
	done: (title) => m.sv_draft_done({ title }),
	problem: (title, state) => (state === 'overdue' ? m.sv_draft_overdue : state === 'blocked' ? m.sv_draft_blocked : m.sv_draft_behind)({ title }),
	next: (title, due) => m.sv_draft_next({ title, due })
});

export const load: PageServerLoad = async ({ params, parent, locals, depends }) => {
	depends('supervision:view');
	const { member } = await parent(); // the layout's membership check runs first
	const today = todayInShanghai();
	const view = await supervisionView(await getDb(), { planId: params.planId, userId: locals.user!.id, member, today, words: words() });
	return { ...view, today };
};
