/**
 * The supervision part of the attention list ([SN3], [RC4]): notices addressed to the user's unit
 * or school that still wait for a reply or for the target, and the reports their unit or school
 * has not yet sent for the current (or the previous, now late) cycle.
 */
import type { Db } from '../db/index';
import type { PlanMember } from '../../shared/sync/access';
import { addDays } from '../../shared/plan/dates';
import type { IsoDate, Task } from '../../shared/plan/types';
import { DUE_SOON_DAYS } from '../../shared/plan/attention';
import { previousCycle } from '../../shared/supervision/cycle';
import { listNotices } from './notices';
import { addressedTo, belongsToReporter, isSteering } from '../../shared/supervision/membership';
import { currentCycle, cycleStatus, listReporters } from './reports';
import type { AttentionItem } from './attention';


export async function supervisionAttention(
	db: Db,
	planId: string,
	member: PlanMember,
	units: Set<string>,
	today: IsoDate,
	/** The plan's tasks when the caller has read them already (one read per attention list). */
	tasks?: readonly Task[]
): Promise<AttentionItem[]> {
	const out: AttentionItem[] = [];
	for (const n of await listNotices(db, planId, today, undefined, tasks)) {
		if (n.status === 'closed') continue;
		const mine = addressedTo(member, units, n);
		// the leading group hears of a notice again only when its reply is late
		if (!mine && !(isSteering(member) && n.late)) continue;
		if (!mine && n.status !== 'open') continue;
		const state = n.late ? 'overdue' : n.status === 'open' ? 'open' : 'behind';
		out.push({ kind: 'notice', planId, id: n.id, title: n.title, due: n.replyBy, state, schoolId: n.schoolId });
	}
	const { rhythm, cycle } = await currentCycle(db, planId, today);
	const reporters = await listReporters(db, planId, rhythm);
	for (const c of [previousCycle(rhythm, cycle), cycle]) {
		const late = today > c.due;
		if (!late && c.due > addDays(today, DUE_SOON_DAYS - 1)) continue;
		for (const r of (await cycleStatus(db, planId, rhythm, c, reporters)).reporters) {
			if (r.status !== 'missing' || !belongsToReporter(member, units, r)) continue;
			out.push({
				kind: 'report',
				planId,
				id: `${c.id}:${r.kind}:${r.id}`,
				title: `${r.name} ${c.start} – ${c.end}`,
				due: c.due,
				state: late ? 'overdue' : 'due_soon',
				schoolId: r.kind === 'school' ? r.id : null
			});
		}
	}
	return out;
}
