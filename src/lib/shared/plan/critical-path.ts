/**
 * Late finish, slack and the critical path of a plan, exactly as contract v2
 * `GET /api/plans/:planId/schedule` defines them, plus that route's list of dependency
 * violations. Calendar days; dependencies are finish-to-start and a successor may start the day
 * after its predecessor's due day ([S7]). Rule ids ([S10]…) are in tests/SPEC.md.
 */
import { addDays, daysBetween, isIsoDate } from './dates';
import { dependencyViolations, findCycles } from './schedule';
import type { IsoDate, Phase, Task } from './types';

export type ScheduleInput = Pick<Task, 'id' | 'phase' | 'start' | 'due' | 'deps'>;

export interface TaskSchedule {
	id: string;
	/** `null` for a task on a dependency cycle, or with no bound at all (no phase end, no successor). */
	lateFinish: IsoDate | null;
	/** Days between due and late finish; negative when the plan already breaks a rule. */
	slack: number | null;
	critical: boolean;
}

export interface ScheduleViolation {
	taskId: string;
	kind: 'early_start' | 'unknown_dep' | 'cycle';
	/** The predecessor concerned (on a cycle: a predecessor on the same cycle). */
	dependsOn: string;
}

export interface PlanSchedule {
	tasks: TaskSchedule[];
	violations: ScheduleViolation[];
}

/**
 * [S10] `lateFinish(t)` = the earliest of the end of t's phase and, for each successor s,
 * `lateFinish(s) − (due(s) − start(s)) − 1`. Successors on a cycle (no late finish) bound
 * nothing. [S11] `slack(t)` = `lateFinish(t) − due(t)` in days; `critical` ⇔ `slack ≤ 0`; tasks on a
 * cycle get `slack: null` and are not critical. [S12] Violations: `early_start` (t starts on or
 * before a predecessor's due day), `unknown_dep`, and `cycle` for every task on a cycle (a task
 * depending on itself included). Tasks come back in input order.
 */
export function computeSchedule(tasks: readonly ScheduleInput[], phases: readonly Pick<Phase, 'key' | 'end'>[]): PlanSchedule {
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const phaseEnd = new Map(phases.filter((p) => isIsoDate(p.end)).map((p) => [p.key, p.end]));
	const cycles = findCycles(tasks.map((t) => ({ ...t, deps: t.deps })));
	const onCycle = new Map<string, Set<string>>();
	for (const group of cycles) {
		const set = new Set(group);
		for (const id of group) onCycle.set(id, set);
	}

	// Successors of each task, over known, acyclic edges only.
	const successors = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
	const indegree = new Map<string, number>(tasks.map((t) => [t.id, 0]));
	for (const t of tasks) {
		if (onCycle.has(t.id)) continue;
		for (const d of new Set(t.deps)) {
			if (!byId.has(d) || onCycle.has(d) || d === t.id) continue;
			successors.get(d)!.push(t.id);
			indegree.set(d, indegree.get(d)! + 1);
		}
	}
	// Kahn from the sinks backwards: a task is computed once all its successors are.
	const late = new Map<string, IsoDate | null>();
	const ready = tasks.filter((t) => !onCycle.has(t.id) && indegree.get(t.id) === 0).map((t) => t.id);
	for (let i = 0; i < ready.length; i++) {
		const t = byId.get(ready[i])!;
		let lf: IsoDate | null = phaseEnd.get(t.phase) ?? null;
		for (const sId of successors.get(t.id)!) {
			const s = byId.get(sId)!;
			const sLate = late.get(sId);
			if (!sLate || !isIsoDate(s.start) || !isIsoDate(s.due)) continue;
			const bound = addDays(sLate, -daysBetween(s.start, s.due) - 1);
			if (lf === null || bound < lf) lf = bound;
		}
		late.set(t.id, lf);
		for (const d of new Set(t.deps)) {
			if (!indegree.has(d) || onCycle.has(d) || d === t.id || !byId.has(d)) continue;
			const n = indegree.get(d)! - 1;
			indegree.set(d, n);
			if (n === 0) ready.push(d);
		}
	}

	const out: TaskSchedule[] = tasks.map((t) => {
		const lateFinish = late.get(t.id) ?? null;
		const slack = lateFinish !== null && isIsoDate(t.due) ? daysBetween(t.due, lateFinish) : null;
		return { id: t.id, lateFinish, slack, critical: slack !== null && slack <= 0 };
	});

	const violations: ScheduleViolation[] = [];
	for (const v of dependencyViolations(tasks)) {
		if (v.kind === 'missing') violations.push({ taskId: v.taskId, kind: 'unknown_dep', dependsOn: v.depId });
		else if (v.kind === 'starts_early') violations.push({ taskId: v.taskId, kind: 'early_start', dependsOn: v.depId });
		else if (v.kind === 'self') violations.push({ taskId: v.taskId, kind: 'cycle', dependsOn: v.depId });
	}
	for (const group of cycles) {
		const set = new Set(group);
		for (const id of group) {
			const dep = byId.get(id)!.deps.find((d) => set.has(d) && d !== id);
			if (dep) violations.push({ taskId: id, kind: 'cycle', dependsOn: dep });
		}
	}
	return { tasks: out, violations };
}
