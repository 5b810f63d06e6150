/**
 * The edit rules of tasks, as pure functions over plain objects: the task table uses them today,
 * the Gantt and the milestone pages tomorrow, so every surface refuses and offers the same
 * things. Rule ids ([E1]…) are listed in tests/SPEC.md. Field types and ranges are the document
 * kind's (`../sync/kinds/plan.ts`); these rules are the ones that involve several fields or tasks.
 */
import * as Y from 'yjs';
import { TASK_FIELD as F, tasks as tasksCollection } from '../sync/kinds/plan';
import { checkField, type FieldError } from '../sync/schema';
import { parseIsoDate } from './dates';
import { findCycles } from './schedule';
import type { IsoDate, Phase, Task } from './types';

export type EditError =
	| FieldError
	| 'invalid_date'
	| 'due_before_start'
	| 'outside_plan'
	| 'outside_phase'
	| 'progress_range'
	| 'title_required'
	| 'dependency_cycle'
	| 'unknown_task';

export type TaskPatch = Partial<Omit<Task, 'id'>>;

export interface EditContext {
	/** The plan's own dates; tasks stay inside them. */
	plan?: { start: IsoDate; end: IsoDate } | null;
	phases: readonly Phase[];
	/** Every task of the plan, for dependency checks. */
	tasks: readonly Pick<Task, 'id' | 'deps'>[];
}

export type EditCheck =
	| {
			ok: true;
			/** What to write (trimmed, de-duplicated). */
			patch: TaskPatch;
			/**
			 * [E4] The other half of "done ⇔ 100%", offered to the user rather than forced: marking done
			 * offers progress 100, reaching 100 offers done.
			 */
			offer: TaskPatch | null;
	  }
	| { ok: false; field: keyof TaskPatch | 'id'; error: EditError };

const FIELD_ERRORS: Partial<Record<string, Partial<Record<FieldError, EditError>>>> = {
	start: { date: 'invalid_date', type: 'invalid_date' },
	due: { date: 'invalid_date', type: 'invalid_date' },
	progress: { range: 'progress_range', type: 'progress_range' },
	title: { required: 'title_required' }
};

/**
 * [E1]–[E5] Checks an edit of `task` (the task as it is now) and returns what to write, or the
 * first rule it breaks. The resulting task is what is checked, so changing phase and dates at
 * once is judged by the new phase and dates together.
 */
export function checkTaskEdit(task: Task, patch: TaskPatch, ctx: EditContext): EditCheck {
	const clean: TaskPatch = {};
	for (const [field, raw] of Object.entries(patch) as [keyof TaskPatch, unknown][]) {
		const value = typeof raw === 'string' && field !== F.order ? raw.trim() : raw;
		const spec = tasksCollection.spec(field);
		if (!spec) return { ok: false, field, error: 'not_allowed' };
		const checked = checkField(spec, value);
		if (!checked.ok) return { ok: false, field, error: FIELD_ERRORS[field]?.[checked.error] ?? checked.error };
		(clean as Record<string, unknown>)[field] = checked.value;
	}
	const next = { ...task, ...clean };

	// [E1] dates: a real day each, due not before start, inside the plan and inside the phase.
	if (clean.start !== undefined || clean.due !== undefined || clean.phase !== undefined) {
		const dateField = clean.due !== undefined ? F.due : F.start;
		const valid = parseIsoDate(next.start).ok && parseIsoDate(next.due).ok;
		if (valid) {
			if (next.due < next.start) return { ok: false, field: dateField, error: 'due_before_start' };
			const plan = ctx.plan;
			if (plan && (next.start < plan.start || next.due > plan.end)) {
				return { ok: false, field: dateField, error: 'outside_plan' };
			}
			const phase = ctx.phases.find((p) => p.key === next.phase);
			if (phase && parseIsoDate(phase.start).ok && parseIsoDate(phase.end).ok) {
				if (next.start < phase.start || next.due > phase.end) {
					const field = clean.start === undefined && clean.due === undefined ? F.phase : dateField;
					return { ok: false, field, error: 'outside_phase' };
				}
			}
		}
	}

	// [E3] dependencies: known tasks only, never a cycle (a task depending on itself included).
	if (clean.deps !== undefined) {
		const known = new Set(ctx.tasks.map((t) => t.id));
		if (clean.deps.some((d) => d !== task.id && !known.has(d))) return { ok: false, field: F.deps, error: 'unknown_task' };
		if (wouldCycle(ctx.tasks, task.id, clean.deps)) return { ok: false, field: F.deps, error: 'dependency_cycle' };
	}

	// [E4] done ⇔ 100%.
	let offer: TaskPatch | null = null;
	if (clean.status === 'done' && next.progress !== 100) offer = { progress: 100 };
	else if (clean.progress === 100 && next.status !== 'done') offer = { status: 'done' };
	return { ok: true, patch: clean, offer };
}

/** [E3] Whether giving task `id` the dependencies `deps` would close a dependency cycle. */
export function wouldCycle(tasks: readonly Pick<Task, 'id' | 'deps'>[], id: string, deps: readonly string[]): boolean {
	if (deps.includes(id)) return true;
	const graph = tasks.map((t) => ({ id: t.id, start: '', due: '', deps: t.id === id ? [...deps] : t.deps }));
	if (!graph.some((t) => t.id === id)) graph.push({ id, start: '', due: '', deps: [...deps] });
	return findCycles(graph).some((group) => group.includes(id));
}

/**
 * [E5] Removes a task and drops it from every other task's dependencies, in the caller's
 * transaction (one undo step with the delete).
 */
export function removeTaskFromDoc(doc: Y.Doc, id: string): void {
	const map = tasksCollection.map(doc);
	doc.transact(() => {
		map.delete(id);
		map.forEach((m) => {
			const deps = m instanceof Y.Map ? m.get(F.deps) : null;
			if (!(deps instanceof Y.Array)) return;
			for (let i = deps.length - 1; i >= 0; i--) if (deps.get(i) === id) deps.delete(i, 1);
		});
	});
}
