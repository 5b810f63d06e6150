/** Translated labels of the grid's own keys: columns and groupings (attention states: the shared labels). */
import * as m from '$lib/paraglide/messages';
import type { GridColumn } from './edit';
import type { GroupField } from '../shared/plan/task-view';

const columns: Record<GridColumn, () => string> = {
	no: m.tasks_col_no,
	workstream: m.tasks_col_workstream,
	title: m.tasks_col_title,
	unit: m.tasks_col_unit,
	lead: m.tasks_col_lead,
	start: m.tasks_col_start,
	due: m.tasks_col_due,
	phase: m.tasks_col_phase,
	status: m.tasks_col_status,
	progress: m.tasks_col_progress,
	deps: m.tasks_col_deps,
	attention: m.tasks_col_attention,
	baseStart: m.grid_col_base_start,
	baseDue: m.grid_col_base_due,
	slip: m.gantt_col_slip
};

const groups: Record<GroupField, () => string> = {
	workstream: m.tasks_col_workstream,
	phase: m.tasks_col_phase,
	unit: m.tasks_col_unit
};

export { attentionLabel } from '$lib/components/labels';
export const columnLabel = (f: GridColumn): string => columns[f]();
export const groupLabel = (g: GroupField): string => groups[g]();
