import { getDb } from '$lib/server/db';
import * as m from '$lib/paraglide/messages';
import { supervisionView } from '$lib/server/services/supervision-view';
import { readDayCounting } from '$lib/server/services/plan-calendar';
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
	const { member, plan } = await parent(); // the layout's membership check runs first
	const today = todayInShanghai();
	const db = await getDb();
	const [view, dayCounting] = await Promise.all([
		supervisionView(db, { planId: params.planId, userId: locals.user!.id, member, today, words: words() }),
		readDayCounting(db, plan) // [WD14] reply-by windows in the plan's own days
	]);
	return { ...view, today, dayCounting };
};
