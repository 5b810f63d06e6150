/**
 * What the export routes share: the district template's Chinese labels, and the rows of the view
 * a query string names (the task page's own filters and sort, `$lib/shared/plan/task-view`), so an export
 * from a filtered table holds exactly its rows. No query string exports the whole plan.
 */
import * as m from '$lib/paraglide/messages';
import { todayInShanghai } from '../../shared/plan/dates';
import type { Task } from '../../shared/plan/types';
import { filterTasks, parseView, sortTasks } from '../../shared/plan/task-view';
import { CALENDAR_DAYS, type DayCounter } from '../../shared/calendar/day-counter';
import type { ExportLabels } from './tasks-export';

/** The workbook follows the district's Chinese template whatever the reader's UI language. */
export function exportLabels(): ExportLabels {
	const zh = { locale: 'zh-CN' } as const;
	return {
		sheet: m.api_xlsx_sheet({}, zh),
		columns: {
			index: m.api_xlsx_col_index({}, zh),
			workstream: m.api_xlsx_col_workstream({}, zh),
			title: m.api_xlsx_col_title({}, zh),
			unit: m.api_xlsx_col_unit({}, zh),
			lead: m.api_xlsx_col_lead({}, zh),
			start: m.api_xlsx_col_start({}, zh),
			due: m.api_xlsx_col_due({}, zh),
			phase: m.api_xlsx_col_phase({}, zh),
			status: m.api_xlsx_col_status({}, zh),
			progress: m.api_xlsx_col_progress({}, zh)
		},
		phase: {
			launch: m.phase_launch({}, zh),
			pilot: m.phase_pilot({}, zh),
			rollout: m.phase_rollout({}, zh),
			evaluation: m.phase_evaluation({}, zh)
		},
		status: {
			todo: m.status_todo({}, zh),
			doing: m.status_doing({}, zh),
			done: m.status_done({}, zh),
			blocked: m.status_blocked({}, zh)
		}
	};
}

/** The tasks of the view in `params` (filtered, sorted) and every task's 序号 in the whole plan. */
export function viewForExport(tasks: Task[], params: URLSearchParams, days: DayCounter = CALENDAR_DAYS): { rows: Task[]; numbers: Map<string, number> } {
	const numbers = new Map(tasks.map((t, i) => [t.id, i + 1]));
	const view = parseView(params);
	const today = todayInShanghai();
	return { rows: sortTasks(filterTasks(tasks, view, today, days), view.sort, today, numbers, null, days), numbers };
}
