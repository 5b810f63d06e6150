/**
 * Schedule math over tasks and phases: where a task should be by today, which tasks are overdue
 * or behind, a plan summary, and the finish-to-start dependency rules the Gantt draws. Pure
 * functions over plain objects, so the overview page, the Gantt, exports and tests share one
 * definition. Rule ids ([S1]…) are listed in tests/SPEC.md.
 */
import { addDays, isIsoDate } from './dates';
import { CALENDAR_DAYS, type DayCounter } from '../calendar/day-counter';
import {
	PHASES,
	TASK_STATUSES,
	type IsoDate,
	type Phase,
	type PhaseKey,
	type Task,
	type TaskStatus
} from './types';

/** A task needs only its dates for the expected-progress line. */
export type Span = Pick<Task, 'start' | 'due'>;
export type Tracked = Pick<Task, 'start' | 'due' | 'status' | 'progress'>;

/** Points below the expected progress at which a task counts as behind. */
export const BEHIND_THRESHOLD = 20;

/**
 * [S1] Where a task should be on `today`, 0–100: 0 before its start, a straight line from 0 on
 * the start day to 100 on the due day, 100 after. A one-day task is 0 before and 100 from its day.
 * Not rounded, so callers decide how to show it. [WD9] With a plan's working-day counter the
 * line runs over working days: elapsed working days over the task's working days.
 */
export function expectedProgress(task: Span, today: IsoDate, days: DayCounter = CALENDAR_DAYS): number {
	if (today < task.start) return 0;
	if (today >= task.due) return 100;
	const length = days.between(task.start, task.due);
	if (length <= 0) return 100;
	return (100 * days.between(task.start, today)) / length;
}

/**
 * [S2] Overdue: past its due day and not done. A task due today is not overdue yet, and one
 * without a valid due date (empty, `not-a-date`) never is: it shows as invalid instead.
 */
export function isOverdue(task: Pick<Task, 'due' | 'status'>, today: IsoDate): boolean {
	return task.status !== 'done' && isIsoDate(task.due) && task.due < today;
}

/**
 * [S3] Behind: not done and its progress at least `threshold` points below where it should be
 * (blocked tasks included: being blocked is the usual reason); never with an invalid start or due.
 */
export function isBehind(task: Tracked, today: IsoDate, threshold = BEHIND_THRESHOLD, days: DayCounter = CALENDAR_DAYS): boolean {
	// Without valid dates there is no expected progress to be behind of.
	if (task.status === 'done' || !isIsoDate(task.start) || !isIsoDate(task.due)) return false;
	return expectedProgress(task, today, days) - task.progress >= threshold;
}

/** A done task counts as complete whatever its progress field says. */
export function effectiveProgress(task: Pick<Task, 'status' | 'progress'>): number {
	return task.status === 'done' ? 100 : Math.min(100, Math.max(0, task.progress));
}

/**
 * [S4] The phase `date` falls in (start and end included). Phases should not overlap; if they
 * do, the earlier phase in plan order wins. `null` outside every phase.
 */
export function phaseForDate(phases: readonly Phase[], date: IsoDate): Phase | null {
	const ordered = [...phases].sort((a, b) => PHASES.indexOf(a.key) - PHASES.indexOf(b.key));
	return ordered.find((p) => p.start <= date && date <= p.end) ?? null;
}

/** [S5] A task's dates lie inside its phase, and it does not end before it starts. */
export function isWithinPhase(task: Pick<Task, 'start' | 'due' | 'phase'>, phases: readonly Phase[]) {
	const phase = phases.find((p) => p.key === task.phase);
	if (!phase) return false;
	return phase.start <= task.start && task.start <= task.due && task.due <= phase.end;
}

export type StatusCounts = Record<TaskStatus, number>;

export interface PhaseSummary {
	key: PhaseKey;
	total: number;
	byStatus: StatusCounts;
	/** Mean effective progress of the phase's tasks, 0–100, rounded; 0 for an empty phase. */
	progress: number;
}

export interface ScheduleSummary {
	total: number;
	byStatus: StatusCounts;
	byPhase: Record<PhaseKey, PhaseSummary>;
	overdue: number;
	behind: number;
	/** Mean effective progress, rounded. */
	progress: number;
	/** Mean expected progress on `today`, rounded: the line the plan should be on. */
	expected: number;
	currentPhase: PhaseKey | null;
}

const zeroCounts = (): StatusCounts =>
	Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as StatusCounts;

const mean = (values: number[]) =>
	values.length === 0 ? 0 : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/** [S6] The plan at a glance on `today`: counts by status and phase, overdue, behind, progress. */
export function summarize(
	tasks: readonly Task[],
	phases: readonly Phase[],
	today: IsoDate,
	days: DayCounter = CALENDAR_DAYS
): ScheduleSummary {
	const byStatus = zeroCounts();
	const byPhase = Object.fromEntries(
		PHASES.map((key) => [key, { key, total: 0, byStatus: zeroCounts(), progress: 0 }])
	) as Record<PhaseKey, PhaseSummary>;
	const phaseProgress: Record<PhaseKey, number[]> = { launch: [], pilot: [], rollout: [], evaluation: [] };
	let overdue = 0;
	let behind = 0;
	for (const t of tasks) {
		byStatus[t.status]++;
		byPhase[t.phase].total++;
		byPhase[t.phase].byStatus[t.status]++;
		phaseProgress[t.phase].push(effectiveProgress(t));
		if (isOverdue(t, today)) overdue++;
		if (isBehind(t, today, BEHIND_THRESHOLD, days)) behind++;
	}
	for (const key of PHASES) byPhase[key].progress = mean(phaseProgress[key]);
	return {
		total: tasks.length,
		byStatus,
		byPhase,
		overdue,
		behind,
		progress: mean(tasks.map(effectiveProgress)),
		expected: mean(tasks.map((t) => expectedProgress(t, today, days))),
		currentPhase: phaseForDate(phases, today)?.key ?? null
	};
}

/** Alias kept short for pages: `summary(tasks, phases, today)`. */
export const summary = summarize;

// ─── Finish-to-start dependencies ───────────────────────────────────────────────────────────────

/**
 * [S7] The earliest day a task may start after a finish-to-start predecessor due on `due`: the
 * next day. Days are whole, so a predecessor due on D still occupies D.
 */
export function earliestStartAfter(due: IsoDate): IsoDate {
	return addDays(due, 1);
}

export type DependencyViolation =
	| { kind: 'missing'; taskId: string; depId: string }
	| { kind: 'self'; taskId: string; depId: string }
	| { kind: 'starts_early'; taskId: string; depId: string; start: IsoDate; earliest: IsoDate }
	| { kind: 'cycle'; taskIds: string[] };

type DepTask = Pick<Task, 'id' | 'start' | 'due' | 'deps'>;

/**
 * [S8] Dependency cycles, each as the ids of one strongly connected group (Tarjan), in a stable
 * order. A self-dependency is a cycle of one. Unknown dependency ids are ignored here.
 */
export function findCycles(tasks: readonly DepTask[]): string[][] {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const cycles: string[][] = [];
	let counter = 0;

	// Iterative, so a chain of thousands of tasks cannot overflow the call stack.
	for (const root of tasks) {
		if (index.has(root.id)) continue;
		const work: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
		index.set(root.id, counter);
		low.set(root.id, counter++);
		stack.push(root.id);
		onStack.add(root.id);
		while (work.length) {
			const frame = work[work.length - 1];
			const deps = byId.get(frame.id)!.deps;
			if (frame.next < deps.length) {
				const dep = deps[frame.next++];
				if (!byId.has(dep)) continue;
				if (!index.has(dep)) {
					index.set(dep, counter);
					low.set(dep, counter++);
					stack.push(dep);
					onStack.add(dep);
					work.push({ id: dep, next: 0 });
				} else if (onStack.has(dep)) {
					low.set(frame.id, Math.min(low.get(frame.id)!, index.get(dep)!));
				}
				continue;
			}
			work.pop();
			if (work.length) {
				const parent = work[work.length - 1].id;
				low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
			}
			if (low.get(frame.id) === index.get(frame.id)) {
				const group: string[] = [];
				let id: string;
				do {
					id = stack.pop()!;
					onStack.delete(id);
					group.push(id);
				} while (id !== frame.id);
				const selfLoop = group.length === 1 && byId.get(group[0])!.deps.includes(group[0]);
				if (group.length > 1 || selfLoop) cycles.push(group.sort());
			}
		}
	}
	return cycles.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * [S7][S8][S9] Every broken dependency rule: a dependency on an unknown task or on itself, a
 * task starting before the day after a predecessor's due day, and every cycle.
 */
export function dependencyViolations(tasks: readonly DepTask[]): DependencyViolation[] {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const out: DependencyViolation[] = [];
	for (const t of tasks) {
		for (const depId of t.deps) {
			if (depId === t.id) {
				out.push({ kind: 'self', taskId: t.id, depId });
				continue;
			}
			const dep = byId.get(depId);
			if (!dep) {
				out.push({ kind: 'missing', taskId: t.id, depId });
				continue;
			}
			const earliest = earliestStartAfter(dep.due);
			if (t.start < earliest) {
				out.push({ kind: 'starts_early', taskId: t.id, depId, start: t.start, earliest });
			}
		}
	}
	for (const taskIds of findCycles(tasks)) {
		if (taskIds.length > 1) out.push({ kind: 'cycle', taskIds });
	}
	return out;
}

/**
 * Tasks ordered so every predecessor comes before its successors (Kahn, ties kept in input
 * order), or `null` when there is a cycle. Unknown dependency ids are ignored.
 */
export function topologicalOrder<T extends DepTask>(tasks: readonly T[]): T[] | null {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const indegree = new Map(tasks.map((t) => [t.id, 0]));
	const successors = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
	for (const t of tasks) {
		for (const d of new Set(t.deps)) {
			if (!byId.has(d)) continue;
			indegree.set(t.id, indegree.get(t.id)! + 1);
			successors.get(d)!.push(t.id);
		}
	}
	const ready = tasks.filter((t) => indegree.get(t.id) === 0).map((t) => t.id);
	const out: T[] = [];
	for (let i = 0; i < ready.length; i++) {
		out.push(byId.get(ready[i])!);
		for (const s of successors.get(ready[i])!) {
			const n = indegree.get(s)! - 1;
			indegree.set(s, n);
			if (n === 0) ready.push(s);
		}
	}
	return out.length === tasks.length ? out : null;
}
