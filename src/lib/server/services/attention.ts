/**
 * The attention list (督办提醒, contract v2 `GET /api/me/attention`): for one user, what concerns
 * them and needs action, by the shared [A1] rule, read from the projections (which follow the
 * live documents within 2 s).
 * - Coordinators and partners: their own school's milestones, nothing of other schools.
 * - Everyone: tasks they lead (by display name) or whose responsible unit they belong to.
 * - Leaders and admins: besides, every overdue or behind task and milestone of their plans, and
 *   every pairing gone silent ([B6]).
 * - Notices and reports of the user's units and school (`./supervision-attention.ts`).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { schools, users } from '../db/schema';
import { attentionState, type AttentionState } from '../../shared/plan/attention';
import type { IsoDate } from '../../shared/plan/types';
import { getPlanMember } from './members';
import { silentPairings } from './pairings';
import { listPilotMilestones, listPlansForUser } from './plans';
import { readPlanTasks } from './plan-read';
import { planDayCounter } from './plan-calendar';
import { supervisionAttention } from './supervision-attention';

/** `pairing`: a strong–weak pairing gone silent ([B6]), for leaders and admins. */
export type AttentionKind = 'task' | 'milestone' | 'notice' | 'report' | 'pairing';
export type ListedState = 'overdue' | 'due_soon' | 'behind' | 'open';

export interface AttentionItem {
	kind: AttentionKind;
	planId: string;
	id: string;
	title: string;
	due: string;
	state: ListedState;
	schoolId: string | null;
}

/** [A2] The contract's states: [A1]'s, with a blocked item listed as `open` (needs action). */
const LISTED: Partial<Record<AttentionState, ListedState>> = {
	overdue: 'overdue',
	due_soon: 'due_soon',
	behind: 'behind',
	blocked: 'open'
};
const RANK: Record<ListedState, number> = { overdue: 0, behind: 1, open: 2, due_soon: 3 };

export async function attentionFor(
	db: Db,
	user: { id: string; displayName: string; isAdmin: boolean },
	today: IsoDate
): Promise<AttentionItem[]> {
	const [row] = await db.select({ units: users.units }).from(users).where(eq(users.id, user.id));
	const units = new Set(Array.isArray(row?.units) ? row.units : []);
	const out: AttentionItem[] = [];
	for (const plan of await listPlansForUser(db, user)) {
		const member = await getPlanMember(db, user.id, plan.id);
		if (!member) continue;
		const steering = member.role === 'admin' || member.role === 'leader';
		const liaison = member.role === 'coordinator' || member.role === 'partner';
		const tasks = await readPlanTasks(db, plan.id);
		// [WD9] due soon and behind in the plan's own days.
		const days = await planDayCounter(db, plan);
		for (const t of tasks) {
			const listed = LISTED[attentionState(t, today, days)];
			if (!listed) continue;
			const mine = t.lead === user.displayName || (t.unit !== '' && units.has(t.unit));
			if (mine || (steering && (listed === 'overdue' || listed === 'behind'))) {
				out.push({ kind: 'task', planId: plan.id, id: t.id, title: t.title, due: t.due, state: listed, schoolId: null });
			}
		}
		if (steering) {
			const names = new Map(
				(await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.planId, plan.id))).map((r) => [r.id, r.name])
			);
			for (const p of await silentPairings(db, plan.id, today)) {
				const title = `${names.get(p.strong) ?? p.strong} — ${names.get(p.weak) ?? p.weak}`;
				out.push({ kind: 'pairing', planId: plan.id, id: p.id, title, due: p.lastConfirmedVisit ?? '', state: 'open', schoolId: null });
			}
		}
		out.push(...(await supervisionAttention(db, plan.id, member, units, today, tasks)));
		if (!steering && !(liaison && member.schoolId)) continue;
		const milestones = await listPilotMilestones(db, plan.id, liaison ? member.schoolId! : undefined);
		for (const m of milestones) {
			const listed = LISTED[attentionState(m, today, days)];
			if (!listed) continue;
			if (liaison || listed === 'overdue' || listed === 'behind') {
				out.push({ kind: 'milestone', planId: plan.id, id: m.id, title: m.title, due: m.due, state: listed, schoolId: m.schoolId });
			}
		}
	}
	return out.sort((a, b) => RANK[a.state] - RANK[b.state] || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}
