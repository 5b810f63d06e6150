/**
 * The task page's decisions that need neither the live document nor the DOM: how the view query
 * changes (sort cycle, folded groups, a baseline dropped, filters reset), the links it gives (the
 * page itself, the exports of what it shows), a new task's defaults, and the patch batches a
 * paste, a clear or a bulk edit writes. `TasksPage` applies them; unit tests check them ([T18]).
 */
import type { IsoDate, Phase, Task, TaskStatus } from '$lib/shared/plan/types';
import { CALENDAR_DAYS, type DayCounter } from '$lib/shared/calendar/day-counter';
import type { DayCount } from '$lib/shared/calendar/types';
import { phaseForDate } from '$lib/shared/plan/schedule';
import type { TaskPatch } from '$lib/shared/plan/rules';
import { DEFAULT_VIEW, viewToParams, type SortField, type TaskView } from '$lib/shared/plan/task-view';
import { parseCell, type CellContext, type EditableField } from '$lib/table/edit';
import type { PastePlan } from '$lib/table/clipboard';

const FILTER_KEYS = ['phase', 'workstream', 'unit', 'lead', 'status', 'attention', 'dueWithin', 'q'] as const;

/** Every filter off (as by default); a row added or pasted in must show, so these go when one is. */
export const NO_FILTERS = Object.fromEntries(FILTER_KEYS.map((k) => [k, DEFAULT_VIEW[k]])) as Pick<TaskView, (typeof FILTER_KEYS)[number]>;

/** [T4] The page's own address for a view; defaults leave no query string. */
export function viewHref(pathname: string, view: TaskView): string {
	const qs = viewToParams(view).toString();
	return `${pathname}${qs ? `?${qs}` : ''}`;
}

/** The export of what the table shows: the view's filters, sort and group, every group unfolded. */
export function exportHref(planId: string, view: TaskView, ext: 'xlsx' | 'csv'): string {
	return viewHref(`/api/plans/${planId}/export.${ext}`, { ...view, folded: [] });
}

/** A column header's click: ascending, then descending, then plan order again. */
export function nextSort(sort: TaskView['sort'], field: SortField): TaskView['sort'] {
	return sort?.field !== field ? { field, desc: false } : sort.desc ? null : { field, desc: true };
}

/** A group's fold toggled. */
export const toggleFolded = (folded: readonly string[], key: string): string[] =>
	folded.includes(key) ? folded.filter((k) => k !== key) : [...folded, key];

/** [T16] The baseline compared with changes; a sort by a baseline column means nothing without one. */
export function baselineChange(view: TaskView, next: string | null): Pick<TaskView, 'baseline' | 'sort'> {
	const sort = !next && view.sort && ['baseStart', 'baseDue', 'slip'].includes(view.sort.field) ? null : view.sort;
	return { baseline: next, sort };
}

/**
 * [WD11] How long a new task runs by default: a month, 30 calendar days, or in working days the
 * 22 a month of school weeks holds (30 × 5/7 ≈ 21.4, rounded up), so each setting suggests
 * about the same month.
 */
export const NEW_TASK_LENGTH: Record<DayCount, number> = { calendar: 30, working: 22 };

/**
 * Fields a new task gets when nothing says otherwise: the filtered phase or today's (else the
 * last task's), starting today inside that phase (else at its start) and due a month later
 * (`NEW_TASK_LENGTH` counted days), within the phase; the filtered workstream or the last
 * task's. [WD11] In working days start and due fall on working days: a day off moves the start
 * to the next working day, and a start or due past the phase's end to its last working day.
 */
export function newTaskDefaults(
	tasks: readonly Task[],
	phases: readonly Phase[],
	view: TaskView,
	today: IsoDate,
	title: string,
	days: DayCounter = CALENDAR_DAYS
): TaskPatch {
	const last = tasks.at(-1);
	const phase = view.phase ?? phaseForDate(phases, today)?.key ?? last?.phase ?? 'launch';
	const span = phases.find((p) => p.key === phase);
	const end = span && days.onOrBefore(span.end);
	const first = days.after(span && (today < span.start || today > span.end) ? span.start : today, 0);
	// A phase without a working day in it keeps its own start rather than one before it.
	const start = end && first > end ? (end >= span.start ? end : span.start) : first;
	const month = days.after(start, NEW_TASK_LENGTH[days.kind]);
	const due = end && month > end ? (end >= start ? end : start) : month;
	return { phase, start, due, workstream: view.workstream ?? last?.workstream ?? '', title };
}

/** [T13] A paste's cells parsed per field ([T10]): patches of existing tasks, and rows of new ones. */
export function pastePatches(plan: PastePlan<EditableField>, ctx: CellContext): { edits: { id: string; patch: TaskPatch }[]; extra: TaskPatch[] } {
	const toPatch = (values: Partial<Record<EditableField, string>>) =>
		Object.fromEntries(Object.entries(values).map(([f, v]) => [f, parseCell(f as EditableField, v ?? '', ctx)])) as TaskPatch;
	return { edits: plan.edits.map((e) => ({ id: e.id, patch: toPatch(e.values) })), extra: plan.extra.map(toPatch) };
}

const CLEARED: Partial<Record<EditableField, unknown>> = { progress: 0, status: 'todo', deps: [] };

/** Delete on a block: one patch per task, each cleared cell empty (progress 0, 待办, no dependencies). */
export function clearPatches(cells: readonly { id: string; field: EditableField }[]): { id: string; patch: TaskPatch }[] {
	const byTask = new Map<string, TaskPatch>();
	for (const c of cells) {
		const patch = byTask.get(c.id) ?? {};
		(patch as Record<string, unknown>)[c.field] = c.field in CLEARED ? CLEARED[c.field] : '';
		byTask.set(c.id, patch);
	}
	return [...byTask].map(([id, patch]) => ({ id, patch }));
}

/** The bulk edit form: the fields filled in (blank text and unset choices leave a field alone). */
export interface BulkFields {
	unit: string;
	lead: string;
	phase: string;
	status: string;
}

export const EMPTY_BULK: BulkFields = { unit: '', lead: '', phase: '', status: '' };

/** The patch the bulk form gives every picked task; null when it sets nothing. */
export function bulkPatch(bulk: BulkFields): TaskPatch | null {
	const patch: TaskPatch = {};
	if (bulk.unit.trim()) patch.unit = bulk.unit;
	if (bulk.lead.trim()) patch.lead = bulk.lead;
	if (bulk.phase) patch.phase = bulk.phase as TaskPatch['phase'];
	if (bulk.status) patch.status = bulk.status as TaskStatus;
	return Object.keys(patch).length ? patch : null;
}
