/**
 * The rows of the work ledger (工作台账): every task with its attention state, its latest notice
 * and its unit's report for the current cycle; every pilot milestone with its evidence count and
 * notice. Labels come from the caller.
 */
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/index';
import { files } from '../db/schema';
import { attentionState, type AttentionState } from '../../shared/plan/attention';
import type { IsoDate, PhaseKey, TaskStatus } from '../../shared/plan/types';
import type { NoticeLevel, NoticeStatus, ReportStatus } from '../../shared/supervision/types';
import { planDayCounter } from './plan-calendar';
import type { LedgerMilestoneRow, LedgerTaskRow } from './ledger-export';
import { listPilotMilestones } from './plans';
import { readPlanTasks } from './plan-read';
import { listNotices, type Notice } from './notices';
import { currentCycle, cycleStatus } from './reports';
import { listRegistry } from './schools';

export interface LedgerWords {
	phase: (p: PhaseKey) => string;
	status: (s: TaskStatus) => string;
	attention: (s: AttentionState) => string;
	notice: (level: NoticeLevel, status: NoticeStatus) => string;
	report: (s: ReportStatus) => string;
}

export async function ledgerRows(db: Db, planId: string, today: IsoDate, w: LedgerWords) {
	const { rhythm, cycle } = await currentCycle(db, planId, today);
	const tasks = await readPlanTasks(db, planId);
	const [milestones, registry, notices, status, evidence, days] = await Promise.all([
		listPilotMilestones(db, planId),
		listRegistry(db, planId),
		listNotices(db, planId, today, undefined, tasks),
		cycleStatus(db, planId, rhythm, cycle),
		db
			.select({ schoolId: files.schoolId, milestoneId: files.milestoneId, n: count() })
			.from(files)
			.where(and(eq(files.planId, planId), isNotNull(files.milestoneId)))
			.groupBy(files.schoolId, files.milestoneId),
		planDayCounter(db, planId) // [WD9] the attention column in the plan's own days
	]);
	// notices come newest first: the first one per target is its latest
	const latest = new Map<string, Notice>();
	for (const n of notices) {
		const key = n.taskId ?? `${n.schoolId}:${n.milestoneId}`;
		if (!latest.has(key)) latest.set(key, n);
	}
	const noticeText = (key: string) => {
		const n = latest.get(key);
		return n ? `${w.notice(n.level, n.status)}（${n.replyBy}）` : '';
	};
	const unitReport = new Map(status.reporters.filter((r) => r.kind === 'unit').map((r) => [r.name, w.report(r.status)]));
	const files_ = new Map(evidence.map((e) => [`${e.schoolId}:${e.milestoneId}`, e.n]));
	const schoolName = new Map(registry.map((s) => [s.id, s.name]));

	const taskRows: LedgerTaskRow[] = tasks.map((t, i) => ({
		index: i + 1,
		title: t.title,
		phase: w.phase(t.phase),
		unit: t.unit,
		lead: t.lead,
		start: t.start,
		due: t.due,
		status: w.status(t.status),
		progress: t.progress,
		attention: w.attention(attentionState(t, today, days)),
		notice: noticeText(t.id),
		report: unitReport.get(t.unit) ?? ''
	}));
	const milestoneRows: LedgerMilestoneRow[] = milestones.map((m) => ({
		school: schoolName.get(m.schoolId) ?? m.schoolId,
		title: m.title,
		phase: w.phase(m.phase),
		due: m.due,
		status: w.status(m.status),
		progress: m.progress,
		doneOn: m.doneOn ?? '',
		evidence: files_.get(`${m.schoolId}:${m.id}`) ?? 0,
		notice: noticeText(`${m.schoolId}:${m.id}`)
	}));
	return { cycle, taskRows, milestoneRows };
}
