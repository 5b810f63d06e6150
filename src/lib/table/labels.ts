/** Translated labels of the grid's own keys: columns, attention states, groupings. */
import * as m from '$lib/paraglide/messages';
import type { AttentionState } from '$lib/shared/plan/attention';
import type { GridField } from './edit';
import type { GroupField } from './view';

const attention: Record<AttentionState, () => string> = {
	overdue: m.attention_overdue,
	blocked: m.attention_blocked,
	behind: m.attention_behind,
	due_soon: m.attention_due_soon,
	on_track: m.attention_on_track,
	done: m.attention_done
};

const columns: Record<GridField, () => string> = {
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
	attention: m.tasks_col_attention
};

const groups: Record<GroupField, () => string> = {
	workstream: m.tasks_col_workstream,
	phase: m.tasks_col_phase,
	unit: m.tasks_col_unit
};

export const attentionLabel = (s: AttentionState): string => attention[s]();
export const columnLabel = (f: GridField): string => columns[f]();
export const groupLabel = (g: GroupField): string => groups[g]();
