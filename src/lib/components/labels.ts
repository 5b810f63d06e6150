/** Translated labels of the domain's stable keys (phases, statuses, school types and tiers). */
import * as m from '$lib/paraglide/messages';
import type { PhaseKey, SchoolTier, SchoolType, TaskStatus } from '$lib/shared/plan/types';
import type { EditError } from '$lib/shared/plan/rules';
import type { AttentionState } from '$lib/shared/plan/attention';

const phases: Record<PhaseKey, () => string> = {
	launch: m.phase_launch,
	pilot: m.phase_pilot,
	rollout: m.phase_rollout,
	evaluation: m.phase_evaluation
};
const statuses: Record<TaskStatus, () => string> = {
	todo: m.status_todo,
	doing: m.status_doing,
	done: m.status_done,
	blocked: m.status_blocked
};
const schoolTypes: Record<SchoolType, () => string> = {
	urban_quality: m.common_school_type_urban_quality,
	rural_center: m.common_school_type_rural_center,
	new: m.common_school_type_new,
	other: m.common_school_type_other
};
const schoolTiers: Record<SchoolTier, () => string> = {
	strong: m.common_school_tier_strong,
	weak: m.common_school_tier_weak,
	none: m.common_school_tier_none
};

export const phaseLabel = (key: PhaseKey): string => phases[key]();
export const statusLabel = (key: TaskStatus): string => statuses[key]();
export const schoolTypeLabel = (key: SchoolType): string => schoolTypes[key]();
export const schoolTierLabel = (key: SchoolTier): string => schoolTiers[key]();

const editErrors: Record<EditError, () => string> = {
	invalid_date: m.tasks_invalid_date,
	date: m.tasks_invalid_date,
	due_before_start: m.tasks_due_before_start,
	outside_plan: m.tasks_outside_plan,
	outside_phase: m.tasks_outside_phase,
	progress_range: m.tasks_progress_range,
	range: m.tasks_progress_range,
	title_required: m.tasks_title_required,
	required: m.tasks_title_required,
	dependency_cycle: m.tasks_dependency_cycle,
	unknown_task: m.tasks_unknown_task,
	type: m.tasks_invalid_value,
	too_long: m.tasks_too_long,
	not_allowed: m.tasks_invalid_value
};

/** The message of a broken edit rule ([E1]–[E5]) or field check. */
export const editErrorText = (error: EditError): string => editErrors[error]();

const attention: Record<AttentionState, () => string> = {
	overdue: m.attention_overdue,
	blocked: m.attention_blocked,
	behind: m.attention_behind,
	due_soon: m.attention_due_soon,
	on_track: m.attention_on_track,
	done: m.attention_done
};

/** The [A1] attention state as people read it. */
export const attentionLabel = (state: AttentionState): string => attention[state]();
