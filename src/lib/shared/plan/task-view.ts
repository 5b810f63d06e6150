/**
 * What the task grid shows, as plain data: filters, sort and grouping read from and written to
 * the page's query string (so a filtered, sorted, grouped view is a link), and the rows that
 * result. Pure and shared by the page and the export routes, which export the same view.
 * Unknown values are ignored rather than rejected: a stale link still opens the table ([T4]–[T6]).
 */
import { PHASES, TASK_STATUSES, type IsoDate, type PhaseKey, type Task, type TaskStatus } from './types';
import { ATTENTION_STATES, attentionState, type AttentionState } from './attention';
import { effectiveProgress } from './schedule';
import { CALENDAR_DAYS, type DayCounter } from '../calendar/day-counter';
import { slipDays, type BaselineDates } from './baselines';
import { BASELINE_FIELDS, GRID_FIELDS } from './task-columns';
import { TASK_FIELD } from '../sync/kinds/plan';

/** Every column sorts, 序号 and 督办 included, and the baseline's columns while one is compared. */
export const SORT_FIELDS = [...GRID_FIELDS, ...BASELINE_FIELDS] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const GROUP_FIELDS = [TASK_FIELD.workstream, TASK_FIELD.phase, TASK_FIELD.unit] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

export interface TaskView {
	phase: PhaseKey | null;
	workstream: string | null;
	unit: string | null;
	lead: string | null;
	status: TaskStatus | null;
	attention: AttentionState | null;
	/** Due within this many days from today (overdue included, done excluded; [WD9] the plan's days). */
	dueWithin: number | null;
	q: string;
	sort: { field: SortField; desc: boolean } | null;
	group: GroupField | null;
	/** Keys of collapsed groups. */
	folded: string[];
	/** The saved baseline the table is compared with ([T16]); an unknown one shows none. */
	baseline: string | null;
}

export const DEFAULT_VIEW: TaskView = {
	phase: null,
	workstream: null,
	unit: null,
	lead: null,
	status: null,
	attention: null,
	dueWithin: null,
	q: '',
	sort: null,
	group: null,
	folded: [],
	baseline: null
};

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null =>
	v !== null && (values as readonly string[]).includes(v) ? (v as T) : null;

/** [T4] The view a query string names. */
export function parseView(params: URLSearchParams): TaskView {
	const sortRaw = params.get('sort') ?? '';
	const desc = sortRaw.startsWith('-');
	const sortField = oneOf(SORT_FIELDS, desc ? sortRaw.slice(1) : sortRaw);
	const due = Number(params.get('due'));
	// `filter=overdue|behind` is the older table's link format.
	const legacy = params.get('filter');
	return {
		phase: oneOf(PHASES, params.get('phase')),
		workstream: params.get('workstream') || null,
		unit: params.get('unit') || null,
		lead: params.get('lead') || null,
		status: oneOf(TASK_STATUSES, params.get('status')),
		attention: oneOf(ATTENTION_STATES, params.get('attention') ?? legacy),
		dueWithin: params.has('due') && Number.isInteger(due) && due >= 0 && due <= 3650 ? due : null,
		q: (params.get('q') ?? '').trim(),
		sort: sortField ? { field: sortField, desc } : null,
		group: oneOf(GROUP_FIELDS, params.get('group')),
		folded: params.getAll('fold').filter(Boolean),
		baseline: params.get('baseline')?.trim() || null
	};
}

/** [T4] The query string of a view, leaving out defaults; `parseView` reads it back unchanged. */
export function viewToParams(v: TaskView): URLSearchParams {
	const p = new URLSearchParams();
	if (v.phase) p.set('phase', v.phase);
	if (v.workstream) p.set('workstream', v.workstream);
	if (v.unit) p.set('unit', v.unit);
	if (v.lead) p.set('lead', v.lead);
	if (v.status) p.set('status', v.status);
	if (v.attention) p.set('attention', v.attention);
	if (v.dueWithin !== null) p.set('due', String(v.dueWithin));
	if (v.q) p.set('q', v.q);
	if (v.sort) p.set('sort', `${v.sort.desc ? '-' : ''}${v.sort.field}`);
	if (v.group) {
		p.set('group', v.group);
		for (const f of v.folded) p.append('fold', f);
	}
	if (v.baseline) p.set('baseline', v.baseline);
	return p;
}

/** Whether any filter narrows the rows (sorting and grouping do not). */
export function isFiltered(v: TaskView): boolean {
	return !!(v.phase || v.workstream || v.unit || v.lead || v.status || v.attention || v.dueWithin !== null || v.q);
}

/** [T5] The tasks the view's filters keep, in plan order. */
export function filterTasks(tasks: readonly Task[], v: TaskView, today: IsoDate, days: DayCounter = CALENDAR_DAYS): Task[] {
	const q = v.q.toLowerCase();
	const dueBy = v.dueWithin !== null ? days.within(today, v.dueWithin) : null;
	return tasks.filter(
		(t) =>
			(!v.phase || t.phase === v.phase) &&
			(!v.workstream || t.workstream === v.workstream) &&
			(!v.unit || t.unit === v.unit) &&
			(!v.lead || t.lead === v.lead) &&
			(!v.status || t.status === v.status) &&
			(!v.attention || attentionState(t, today, days) === v.attention) &&
			(!dueBy || (t.status !== 'done' && !!t.due && t.due <= dueBy)) &&
			(!q || [t.title, t.workstream, t.unit, t.lead, t.id].some((s) => s.toLowerCase().includes(q)))
	);
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/**
 * [T5] Sorted copy; ties (and `no`) keep plan order, empty values last whichever the direction.
 * The baseline's columns ([T16]) sort by its dates and the slip; without a baseline all are blank.
 */
export function sortTasks(
	tasks: readonly Task[],
	sort: TaskView['sort'],
	today: IsoDate,
	numbers: ReadonlyMap<string, number>,
	baseline: BaselineDates | null = null,
	days: DayCounter = CALENDAR_DAYS
): Task[] {
	if (!sort || (sort.field === 'no' && !sort.desc)) return [...tasks];
	const { field, desc } = sort;
	const rank = (t: Task) => numbers.get(t.id) ?? 0;
	const baseKey = (t: Task, f: 'baseStart' | 'baseDue' | 'slip'): string | number => {
		const b = baseline?.get(t.id);
		if (!baseline || !b) return '';
		return f === 'slip' ? (slipDays(t, baseline) ?? '') : f === 'baseStart' ? b.start : b.due;
	};
	const key = (t: Task): string | number =>
		field === 'no'
			? rank(t)
			: field === 'attention'
				? ATTENTION_STATES.indexOf(attentionState(t, today, days))
				: field === TASK_FIELD.phase
					? PHASES.indexOf(t.phase)
					: field === TASK_FIELD.status
						? TASK_STATUSES.indexOf(t.status)
						: field === TASK_FIELD.deps
							? t.deps.map((d) => numbers.get(d) ?? 0).sort((a, b) => a - b)[0] ?? ''
							: field === 'baseStart' || field === 'baseDue' || field === 'slip'
								? baseKey(t, field)
								: t[field];
	return [...tasks].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const ea = ka === '';
		const eb = kb === '';
		if (ea !== eb) return ea ? 1 : -1;
		let c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : collator.compare(String(ka), String(kb));
		if (desc) c = -c;
		return c || rank(a) - rank(b);
	});
}

export type ViewRow =
	| { kind: 'group'; key: string; count: number; meanProgress: number; folded: boolean }
	| { kind: 'task'; task: Task };

/** [T6] The rows of a grouped view: each group's header (count, mean progress) then its tasks. */
export function groupRows(tasks: readonly Task[], group: GroupField | null, folded: readonly string[]): ViewRow[] {
	if (!group) return tasks.map((task) => ({ kind: 'task', task }));
	const groups = new Map<string, Task[]>();
	for (const t of tasks) {
		const k = t[group];
		let list = groups.get(k);
		if (!list) groups.set(k, (list = []));
		list.push(t);
	}
	const keys = [...groups.keys()];
	if (group === TASK_FIELD.phase) keys.sort((a, b) => PHASES.indexOf(a as PhaseKey) - PHASES.indexOf(b as PhaseKey));
	const out: ViewRow[] = [];
	const shut = new Set(folded);
	for (const key of keys) {
		const list = groups.get(key)!;
		const mean = Math.round(list.reduce((s, t) => s + effectiveProgress(t), 0) / list.length);
		out.push({ kind: 'group', key, count: list.length, meanProgress: mean, folded: shut.has(key) });
		if (!shut.has(key)) for (const task of list) out.push({ kind: 'task', task });
	}
	return out;
}

/** Filters, sorts and groups in one call; `numbers` are plan-order row numbers (序号). */
export function viewRows(
	tasks: readonly Task[],
	v: TaskView,
	today: IsoDate,
	numbers: ReadonlyMap<string, number>,
	baseline: BaselineDates | null = null,
	days: DayCounter = CALENDAR_DAYS
) {
	const shown = sortTasks(filterTasks(tasks, v, today, days), v.sort, today, numbers, baseline, days);
	return { shown, rows: groupRows(shown, v.group, v.folded) };
}

/** Distinct non-empty values of a field, in first-seen order (filter menus, editor suggestions). */
export function distinctValues(tasks: readonly Task[], field: 'workstream' | 'unit' | 'lead'): string[] {
	return [...new Set(tasks.map((t) => t[field]).filter(Boolean))];
}
