/**
 * The demo plan year in motion on the supervision side: the responsible units, two cycles of
 * reports (some sent, some nil, some missing), and notices open, answered and closed, all derived
 * from the demo workspace and `today` so the same day gives the same demo; and one published
 * monthly briefing (通报) of the month before.
 */
import { attentionState } from '../../shared/plan/attention';
import { addDays, dateParts, monthEnd, monthStart, toDayNumber, todayInShanghai } from '../../shared/plan/dates';
import type { IsoDate } from '../../shared/plan/types';
import { cycleOn, cyclesBetween, mondayOf, previousCycle } from '../../shared/supervision/cycle';
import { draftReport } from '../../shared/supervision/report-draft';
import type { Cycle, ReporterKind } from '../../shared/supervision/types';
import { briefingFigures, type BriefingInput } from '../../shared/supervision/briefing';
import { buildDemoWorkspace, type DemoWorkspace } from './data';

/** Units that name a group of schools, not one office: they report through the schools. */
const COLLECTIVE = new Set(['各小学', '各试点学校']);

const WORDS = {
	progress: (t: string, p: number) => `${t}：完成约${p}%`,
	done: (t: string) => `${t}：已完成`,
	problem: (t: string, s: string) => `${t}：${s === 'overdue' ? '已逾期' : s === 'blocked' ? '受阻' : '进度滞后'}`,
	next: (t: string, d: string) => `${t}（${d}前完成）`
};

export interface DemoReport {
	cycle: Cycle;
	kind: ReporterKind;
	/** A unit's name or a school's id. */
	reporter: string;
	nil: boolean;
	progress: string;
	problems: string;
	nextSteps: string;
	by: string;
	at: number;
}

export interface DemoNotice {
	taskId?: string;
	schoolId?: string;
	milestoneId?: string;
	unit: string;
	title: string;
	level: 'yellow' | 'red';
	message: string;
	replyBy: IsoDate;
	issuedAt: number;
	reply?: string;
	closed?: boolean;
}

export interface DemoSupervision {
	units: string[];
	anchor: IsoDate;
	reports: DemoReport[];
	notices: DemoNotice[];
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const at = (day: IsoDate, hour: number) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export function buildSupervisionDemo(ws: DemoWorkspace, today: IsoDate): DemoSupervision {
	const units = [...new Set(ws.tasks.map((t) => t.unit))].filter((u) => u && !COLLECTIVE.has(u));
	const anchor = mondayOf(ws.plan.start);
	const rhythm = { cadence: 'weekly' as const, dueWeekday: 5, anchor };
	const current = cycleOn(rhythm, today);
	const previous = previousCycle(rhythm, current);
	const leader = ws.users.find((u) => u.role === 'leader')!.id;
	const pilots = ws.schools.filter((s) => s.pilot);

	const reports: DemoReport[] = [];
	const report = (cycle: Cycle, kind: ReporterKind, reporter: string, items: Parameters<typeof draftReport>[0], nil: boolean, n: number) => {
		const d = draftReport(items, cycle, WORDS);
		const empty = !d.progress && !d.problems && !d.nextSteps;
		reports.push({ cycle, kind, reporter, nil: nil || empty, ...(nil || empty ? { progress: '', problems: '', nextSteps: '' } : d), by: leader, at: at(addDays(cycle.due, -(n % 3)), 9 + (n % 8)) });
	};
	// Four earlier cycles: the rhythm held, with the odd nil report and a few gaps.
	for (let k = 4; k >= 1; k--) {
		const cycle = cycleOn(rhythm, addDays(previous.start, -7 * k));
		units.forEach((u, n) => {
			if ((n + k) % 7 === 0) return;
			report(cycle, 'unit', u, ws.tasks.filter((t) => t.unit === u), (n + k) % 5 === 0, n + k);
		});
		pilots.forEach((s, n) => {
			if ((n + k) % 9 === 0) return;
			report(cycle, 'school', s.id, ws.milestones[s.id] ?? [], (n + k) % 6 === 0, n + k);
		});
	}
	// The previous cycle: nearly everyone reported, two units did not, one had nothing to report.
	units.forEach((u, n) => {
		if (n % 5 === 3) return;
		report(previous, 'unit', u, ws.tasks.filter((t) => t.unit === u), n % 4 === 2, n);
	});
	pilots.forEach((s, n) => {
		if (n === pilots.length - 1) return;
		report(previous, 'school', s.id, ws.milestones[s.id] ?? [], n % 4 === 3, n);
	});
	// The current cycle is under way: a few have sent theirs; the first pilot and 教研中心 not yet.
	units.filter((u) => u !== '教研中心').slice(0, 3).forEach((u, n) => report(current, 'unit', u, ws.tasks.filter((t) => t.unit === u), false, n));
	pilots.slice(1, 4).forEach((s, n) => report(current, 'school', s.id, ws.milestones[s.id] ?? [], n === 1, n));

	const notices: DemoNotice[] = [];
	const behindOrLate = ws.tasks.filter((t) => !COLLECTIVE.has(t.unit) && ['overdue', 'behind'].includes(attentionState(t, today)));
	const onTrack = ws.tasks.filter((t) => attentionState(t, today) === 'done' && t.unit !== '' && !COLLECTIVE.has(t.unit));
	const levelOf = (t: (typeof ws.tasks)[number]) => (attentionState(t, today) === 'overdue' ? 'red' : 'yellow');
	const open = behindOrLate.find((t) => t.unit === '教研中心') ?? behindOrLate[0];
	if (open) {
		notices.push({ taskId: open.id, unit: open.unit, title: open.title, level: levelOf(open), message: '该任务已落后于序时进度，请说明原因并提出整改措施。', replyBy: addDays(today, 3), issuedAt: at(addDays(today, -2), 10) });
	}
	const answered = behindOrLate.find((t) => t !== open);
	if (answered) {
		notices.push({ taskId: answered.id, unit: answered.unit, title: answered.title, level: levelOf(answered), message: '请于期限内报送整改计划。', replyBy: addDays(today, -2), issuedAt: at(addDays(today, -9), 15), reply: '已制定整改计划，抽调两名骨干教师支援，预计两周内赶上序时进度。' });
	}
	const closed = onTrack[onTrack.length - 1];
	if (closed) {
		notices.push({ taskId: closed.id, unit: closed.unit, title: closed.title, level: 'yellow', message: '进度滞后，请加快推进。', replyBy: addDays(today, -40), issuedAt: at(addDays(today, -45), 9), reply: '已增派人员，任务已按期完成。', closed: true });
	}
	// the first pilot school with an overdue milestone (the coordinator's, when theirs is late)
	const latePilot = pilots
		.map((s) => ({ s, m: (ws.milestones[s.id] ?? []).find((m) => attentionState(m, today) === 'overdue') }))
		.find((x) => x.m);
	if (latePilot) {
		const { s: firstPilot, m: lateMilestone } = latePilot as { s: (typeof pilots)[number]; m: NonNullable<typeof latePilot.m> };
		notices.push({ schoolId: firstPilot.id, milestoneId: lateMilestone.id, unit: firstPilot.name, title: lateMilestone.title, level: 'red', message: '里程碑已逾期，请上传佐证材料或说明原因。', replyBy: addDays(today, 5), issuedAt: at(addDays(today, -1), 16) });
	}
	// keep the history in issue order whatever the tasks' order
	notices.sort((a, b) => a.issuedAt - b.issuedAt || toDayNumber(a.replyBy) - toDayNumber(b.replyBy));
	return { units, anchor, reports, notices };
}

/** The rows of the supervision tables for the demo, with user ids as the seed resolved them. */
export function supervisionRows(ws: DemoWorkspace, sv: DemoSupervision, userId: (demoId: string) => string) {
	const planId = ws.plan.id;
	const unitId = new Map(sv.units.map((name, n) => [name, `unit-${n + 1}`]));
	return {
		units: sv.units.map((name, n) => ({ id: unitId.get(name)!, planId, name, order: n + 1 })),
		settings: { planId, cadence: 'weekly' as const, dueWeekday: 5, anchor: sv.anchor, units: true, schools: true },
		reports: sv.reports.map((r, n) => ({
			id: `demo-report-${n + 1}`,
			planId,
			cycleId: r.cycle.id,
			cycleStart: r.cycle.start,
			cycleEnd: r.cycle.end,
			reporterKind: r.kind,
			reporterId: r.kind === 'unit' ? unitId.get(r.reporter)! : r.reporter,
			nil: r.nil,
			progress: r.progress,
			problems: r.problems,
			nextSteps: r.nextSteps,
			submittedBy: userId(r.by),
			idempotencyKey: `demo-report-${n + 1}`,
			submittedAt: r.at
		})),
		notices: sv.notices.map((x, n) => ({
			id: `demo-notice-${n + 1}`,
			planId,
			target: x.taskId ? ('task' as const) : ('milestone' as const),
			taskId: x.taskId ?? null,
			schoolId: x.schoolId ?? null,
			milestoneId: x.milestoneId ?? null,
			unit: x.unit,
			title: x.title,
			level: x.level,
			message: x.message,
			replyBy: x.replyBy,
			issuedBy: userId(ws.users.find((u) => u.role === 'leader')!.id),
			idempotencyKey: `demo-notice-${n + 1}`,
			reply: x.reply ?? null,
			repliedAt: x.reply ? x.issuedAt + 2 * 86_400_000 : null,
			closedAt: x.closed ? x.issuedAt + 10 * 86_400_000 : null,
			createdAt: x.issuedAt
		}))
	};
}

/** The demo's published monthly briefing: the month before the current cycle, as the plan stood at its end. */
export function demoBriefing(ws: DemoWorkspace, sv: DemoSupervision, today: IsoDate, measurements: BriefingInput['measurements'] = []) {
	const rhythm = { cadence: 'weekly' as const, dueWeekday: 5, anchor: sv.anchor };
	const { year, month } = dateParts(addDays(monthStart(dateParts(today).year, dateParts(today).month), -1));
	const period = { start: monthStart(year, month), end: monthEnd(year, month) };
	const then = buildDemoWorkspace(period.end);
	const reporters = sv.units.length + then.schools.filter((s) => s.pilot).length;
	const cycles = cyclesBetween(rhythm, period.start, period.end).filter((c) => c.due >= period.start && c.due <= period.end);
	const ofPeriod = sv.reports.filter((r) => cycles.some((c) => c.id === r.cycle.id));
	const figures = briefingFigures({
		from: period.start,
		to: period.end,
		tasks: then.tasks,
		milestones: Object.entries(then.milestones).flatMap(([schoolId, ms]) => ms.map((m) => ({ ...m, schoolId }))),
		schools: then.schools,
		indicators: then.indicators,
		measurements: measurements.filter((p) => p.date <= period.end),
		visits: then.visits,
		pairings: { active: then.pairings.length, silent: 0 },
		reports: { expected: reporters * cycles.length, submitted: ofPeriod.filter((r) => !r.nil).length, nil: ofPeriod.filter((r) => r.nil).length },
		notices: sv.notices
			.filter((n) => n.issuedAt <= Date.parse(`${period.end}T23:59:59+08:00`))
			.map((n) => ({ createdAt: todayInShanghai(new Date(n.issuedAt)), closedAt: null, status: n.reply ? 'answered' : 'open' }))
	});
	const moved = figures.indicators.filter((i) => i.to !== null && i.to !== i.from);
	const lag = figures.behindByUnit.slice(0, 3).map((u) => `${u.name}（${u.overdue + u.behind + u.blocked}项）`).join('、');
	const sections = {
		summary: `本月（${period.start}至${period.end}）全区方案共${figures.tasks.total}项任务，累计完成${figures.tasks.done}项；本月到期完成任务${figures.tasks.doneInPeriod.length}项，试点校完成里程碑${figures.milestonesDoneInPeriod}项。各单位按方案阶段安排推进各项任务。`,
		done: figures.tasks.doneInPeriod.length ? `本月完成：${figures.tasks.doneInPeriod.map((t) => t.title).join('、')}。` : '本月无到期任务，各单位集中推进年度总结材料的准备。',
		behind: lag ? `截至月末，逾期任务${figures.tasks.overdue}项、滞后任务${figures.tasks.behind}项，主要集中在：${lag}。领导小组已对其中重点事项发出督办单。` : '截至月末，无逾期或滞后事项。',
		indicators: moved.length
			? `本月更新数据的指标${moved.length}项：${moved.map((i) => `${i.name}${i.from === null ? '—' : round1(i.from)}${i.unit}→${round1(i.to!)}${i.unit}`).join('、')}。`
			: '各项指标数据按季度采集，本月无新的监测数据；年度测评数据将于12月下旬汇总。',
		pairings: `本月结对学校开展交流活动${figures.visits.total}次，已确认${figures.visits.confirmed}次。强校带弱校工作总体平稳，送教下乡、跨校蹲点持续开展。`,
		next: `下月重点：一是对逾期、滞后事项逐项督办，限期整改；二是督促未报送单位补报周期报告（本月缺报${figures.reports.missing}份）；三是启动年度指标测评数据采集。`
	};
	// published the morning after the month ends (and never after the demo's today)
	const publishedAt = Math.min(at(addDays(period.end, 1), 10), at(today, 8));
	return { period, title: `${year}年${month}月教育教学质量提升工作通报`, sections, figures, publishedAt };
}
