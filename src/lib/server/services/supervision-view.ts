/**
 * What the supervision page (`/plans/:planId/supervision`) shows one member: the current cycle
 * and who has reported, the reporters this member belongs to with a draft pre-filled from
 * the plan ([RC5]), the notices with a per-unit count, and for the leading group the targets a
 * notice may be issued on (behind or overdue, without a live notice yet).
 */
import type { Db } from '../db/index';
import type { PlanMember } from '../../shared/sync/access';
import { attentionState } from '../../shared/plan/attention';
import type { IsoDate } from '../../shared/plan/types';
import { draftReport, type Draft, type DraftWords } from '../../shared/supervision/report-draft';
import { levelFor } from '../../shared/supervision/notice-state';
import type { NoticeLevel } from '../../shared/supervision/types';
import { planDayCounter } from './plan-calendar';
import { listPilotMilestones } from './plans';
import { readPlanTasks } from './plan-read';
import { listNotices, type Notice } from './notices';
import { currentCycle, cycleStatus } from './reports';
import { unitsOfUser } from './units';
import { answersNotice, belongsToReporter, isSteering } from '../../shared/supervision/membership';
import { listRegistry } from './schools';
import { listBriefings } from './briefings';
import { listUnits } from './units';
import { readRoom } from '../runtime';
import { readIndicators } from '../../shared/plan/doc';
import { previousCycle } from '../../shared/supervision/cycle';

export interface NoticeTargetOption {
	taskId?: string;
	schoolId?: string;
	milestoneId?: string;
	title: string;
	unit: string;
	due: IsoDate;
	level: NoticeLevel;
}

export interface UnitTally {
	unit: string;
	open: number;
	answered: number;
	late: number;
}

/** Open, answered and late notices per responsible unit or school, busiest first. */
export function tallyByUnit(notices: readonly Notice[]): UnitTally[] {
	const by = new Map<string, UnitTally>();
	for (const n of notices) {
		if (n.status === 'closed') continue;
		const t = by.get(n.unit) ?? { unit: n.unit, open: 0, answered: 0, late: 0 };
		if (n.status === 'open') t.open++;
		else t.answered++;
		if (n.late) t.late++;
		by.set(n.unit, t);
	}
	return [...by.values()].sort((a, b) => b.late - a.late || b.open + b.answered - (a.open + a.answered) || a.unit.localeCompare(b.unit));
}

export async function supervisionView(db: Db, a: { planId: string; userId: string; member: PlanMember; today: IsoDate; words: DraftWords }) {
	const { planId, member, today } = a;
	const steering = isSteering(member);
	const [{ rhythm, cycle }, tasks, myUnits, days] = await Promise.all([currentCycle(db, planId, today), readPlanTasks(db, planId), unitsOfUser(db, a.userId), planDayCounter(db, planId)]);
	const [{ rows: stored, ...status }, notices, milestones, registry, briefings, units, indicators] = await Promise.all([
		cycleStatus(db, planId, rhythm, cycle),
		listNotices(db, planId, today, undefined, tasks),
		listPilotMilestones(db, planId),
		listRegistry(db, planId),
		listBriefings(db, planId, steering),
		listUnits(db, planId),
		readRoom({ kind: 'plan', planId }, a.userId, readIndicators)
	]);
	const schoolName = new Map(registry.map((s) => [s.id, s.name]));

	const mine: { id: string; kind: 'unit' | 'school'; name: string; draft: Draft; sent: Draft | null }[] = [];
	for (const r of status.reporters) {
		// the leading group may report for anyone (the API allows it) but lists only its own here
		if (!belongsToReporter(member, myUnits, r)) continue;
		const items = r.kind === 'unit' ? tasks.filter((t) => t.unit === r.name) : milestones.filter((m) => m.schoolId === r.id);
		const sent = stored.find((s) => s.reporterKind === r.kind && s.reporterId === r.id);
		mine.push({
			id: r.id,
			kind: r.kind,
			name: r.name,
			draft: draftReport(items, cycle, a.words, days),
			sent: sent ? { progress: sent.progress, problems: sent.problems, nextSteps: sent.nextSteps } : null
		});
	}

	const answerable: string[] = [];
	for (const n of notices) if (n.status !== 'closed' && answersNotice(member, myUnits, n)) answerable.push(n.id);

	const targets: NoticeTargetOption[] = [];
	if (steering) {
		const live = new Set(notices.filter((n) => n.status !== 'closed').map((n) => n.taskId ?? `${n.schoolId}:${n.milestoneId}`));
		for (const t of tasks) {
			const level = levelFor(attentionState(t, today, days));
			if (level && !live.has(t.id)) targets.push({ taskId: t.id, title: t.title, unit: t.unit, due: t.due, level });
		}
		for (const m of milestones) {
			const level = levelFor(attentionState(m, today, days));
			if (level && !live.has(`${m.schoolId}:${m.id}`)) {
				targets.push({ schoolId: m.schoolId, milestoneId: m.id, title: m.title, unit: schoolName.get(m.schoolId) ?? m.schoolId, due: m.due, level });
			}
		}
		// red before yellow, then the earliest due first
		targets.sort((x, y) => (x.level === y.level ? x.due.localeCompare(y.due) : x.level === 'red' ? -1 : 1));
	}
	const lastCycle = previousCycle(rhythm, cycle);
	return { rhythm, status, mine, notices, answerable, tally: tallyByUnit(notices), targets, steering, briefings, lastCycle, units,
		// a school's report carries its figures of the school-scope indicators
		schoolIndicators: indicators.filter((i) => i.scope === 'school').map((i) => ({ id: i.id, name: i.name, unit: i.unit }))
	};
}
