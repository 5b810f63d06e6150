/**
 * The task table's columns as plain data, shared by the grid (\`$lib/table\`), its view (sort
 * fields) and the exports: which fields a row shows, in order.
 */
import { TASK_FIELD as F } from '../sync/kinds/plan';

/** The grid's columns in order; `no` (序号) and `attention` are read-only. */
export const GRID_FIELDS = ['no', F.workstream, F.title, F.unit, F.lead, F.start, F.due, F.phase, F.status, F.progress, F.deps, 'attention'] as const;
export type GridField = (typeof GRID_FIELDS)[number];

/**
 * [T16] Read-only columns shown, after 完成时限, while the table is compared with a saved
 * baseline: the baseline's start and due, and the slip in days ([L3]).
 */
export const BASELINE_FIELDS = ['baseStart', 'baseDue', 'slip'] as const;
export type BaselineField = (typeof BASELINE_FIELDS)[number];
export type GridColumn = GridField | BaselineField;

/** The grid's columns, with the baseline's after `due` when one is compared. */
export function gridColumns(withBaseline: boolean): readonly GridColumn[] {
	if (!withBaseline) return GRID_FIELDS;
	const at = GRID_FIELDS.indexOf(F.due) + 1;
	return [...GRID_FIELDS.slice(0, at), ...BASELINE_FIELDS, ...GRID_FIELDS.slice(at)];
}
