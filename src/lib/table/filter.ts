/**
 * Which rows the task table shows. Filters come from the page's query string so a filtered view
 * can be bookmarked and shared (`?phase=pilot`, `?filter=overdue`, `?workstream=…`, `?q=…`).
 */
import { PHASES, type IsoDate, type PhaseKey, type Task } from '../shared/plan/types';
import { isBehind, isOverdue } from '../shared/plan/schedule';
import { todayInShanghai } from '../shared/plan/dates';

export { isBehind, isOverdue };

export type TaskFilterKind = 'all' | 'overdue' | 'behind';

export interface TaskFilters {
	phase: PhaseKey | null;
	workstream: string | null;
	filter: TaskFilterKind;
	q: string;
}

export const NO_FILTERS: TaskFilters = { phase: null, workstream: null, filter: 'all', q: '' };

/** Unknown values are ignored rather than rejected: a stale link still opens the table. */
export function parseFilters(params: URLSearchParams): TaskFilters {
	const phase = params.get('phase');
	const filter = params.get('filter');
	return {
		phase: PHASES.includes(phase as PhaseKey) ? (phase as PhaseKey) : null,
		workstream: params.get('workstream') || null,
		filter: filter === 'overdue' || filter === 'behind' ? filter : 'all',
		q: (params.get('q') ?? '').trim()
	};
}

/** The query string for a set of filters, leaving out defaults. */
export function filtersToParams(f: TaskFilters): URLSearchParams {
	const p = new URLSearchParams();
	if (f.phase) p.set('phase', f.phase);
	if (f.workstream) p.set('workstream', f.workstream);
	if (f.filter !== 'all') p.set('filter', f.filter);
	if (f.q) p.set('q', f.q);
	return p;
}

export function isFiltered(f: TaskFilters): boolean {
	return filtersToParams(f).size > 0;
}

/** Distinct workstreams in table order. */
export function workstreamsOf(tasks: Task[]): string[] {
	return [...new Set(tasks.map((t) => t.workstream).filter(Boolean))];
}

export function filterTasks(tasks: Task[], f: TaskFilters, today: IsoDate): Task[] {
	const q = f.q.toLowerCase();
	return tasks.filter(
		(t) =>
			(!f.phase || t.phase === f.phase) &&
			(!f.workstream || t.workstream === f.workstream) &&
			(f.filter !== 'overdue' || isOverdue(t, today)) &&
			(f.filter !== 'behind' || isBehind(t, today)) &&
			(!q ||
				[t.title, t.workstream, t.unit, t.lead, t.id].some((s) => s.toLowerCase().includes(q)))
	);
}

/** Today in the plan's time zone (the district works on Beijing time wherever the server runs). */
export function planToday(now = new Date()): IsoDate {
	return todayInShanghai(now);
}
