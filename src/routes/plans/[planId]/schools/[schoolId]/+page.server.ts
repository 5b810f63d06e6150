import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listRegistry } from '$lib/server/services/schools';
import { listPilotMilestones } from '$lib/server/services/plans';
import { attentionState } from '$lib/shared/plan/attention';
import { readDayCounting } from '$lib/server/services/plan-calendar';
import { dayCounter } from '$lib/shared/calendar/day-counter';
import { todayInShanghai } from '$lib/shared/plan/dates';
import { roomAccess } from '$lib/shared/sync/access';
import * as m from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** Milestones rendered by the server before the live document arrives (a phone on a slow link). */
const MILESTONE_PREVIEW_LIMIT = 60;

/**
 * One school's page (the coordinator's, phone first): any plan member reads it. The projection's
 * first milestones and the school's counts render at once; the live document then takes over.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	const { member, plan } = await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [registry, dayCounting] = await Promise.all([listRegistry(db, params.planId), readDayCounting(db, plan)]);
	const school = registry.find((s) => s.id === params.schoolId);
	if (!school) error(404, m.schools_not_found());
	const canWrite = roomAccess(member, { kind: 'school', planId: params.planId, schoolId: school.id }) === 'write';
	const all = (await listPilotMilestones(db, params.planId, school.id)).map(({ schoolId: _, ...ms }) => ms);
	const today = todayInShanghai();
	const days = dayCounter(dayCounting.dayCount, dayCounting.days); // [WD12] due soon and behind in the plan's own days
	// The page's own order: what still needs doing first.
	const ordered = [...all].sort((a, b) => Number(a.status === 'done') - Number(b.status === 'done'));
	const preview = {
		milestones: ordered.slice(0, MILESTONE_PREVIEW_LIMIT),
		total: all.length,
		open: all.filter((x) => x.status !== 'done').length,
		overdue: all.filter((x) => attentionState(x, today, days) === 'overdue').length
	};
	return { school, canWrite, preview, dayCounting };
};
