/** Translated labels of the domain's stable keys (phases, statuses, school types and tiers, roles). */
import * as m from '$lib/paraglide/messages';
import type { PairingMode, PhaseKey, Role, SchoolTier, SchoolType, TaskStatus, VisitKind, VisitStatus } from '$lib/shared/plan/types';
import type { EditError } from '$lib/shared/plan/rules';
import type { AttentionState } from '$lib/shared/plan/attention';
import type { PairingProblem } from '$lib/shared/pairing/board';
import type { FieldError } from '$lib/shared/sync/schema';

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

const roles: Record<Role, () => string> = {
	admin: m.admin_role_admin,
	leader: m.admin_role_leader,
	coordinator: m.admin_role_coordinator,
	partner: m.admin_role_partner,
	viewer: m.admin_role_viewer
};
/** A plan role as the admin page names it. */
export const roleLabel = (key: Role): string => roles[key]();

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

/** The [A1] attention state as people read it; due soon in working days when the plan counts them ([WD9]). */
export const attentionLabel = (state: AttentionState, working = false): string =>
	working && state === 'due_soon' ? m.attention_due_soon_working() : attention[state]();
type Locale = 'zh-CN' | 'en';
type Message = (inputs?: Record<string, never>, opts?: { locale?: Locale }) => string;

const pairingModes: Record<PairingMode, Message> = {
	cadre_rotation: m.pairings_mode_cadre_rotation,
	teacher_exchange: m.pairings_mode_teacher_exchange,
	resource_sharing: m.pairings_mode_resource_sharing
};
const visitKinds: Record<VisitKind, Message> = {
	cadre_rotation: m.visits_kind_cadre_rotation,
	teacher_exchange: m.visits_kind_teacher_exchange,
	resource_sharing: m.visits_kind_resource_sharing,
	lesson_observation: m.visits_kind_lesson_observation,
	joint_research: m.visits_kind_joint_research,
	other: m.visits_kind_other
};
const visitStatuses: Record<VisitStatus, Message> = {
	planned: m.visits_status_planned,
	logged: m.visits_status_logged,
	confirmed: m.visits_status_confirmed
};
const pairingProblems: Record<PairingProblem | FieldError, Message> = {
	not_strong: m.pairings_problem_not_strong,
	not_weak: m.pairings_problem_not_weak,
	same_school: m.pairings_problem_same_school,
	weak_taken: m.pairings_problem_weak_taken,
	invalid_date: m.pairings_problem_invalid_date,
	date: m.pairings_problem_invalid_date,
	end_before_start: m.pairings_problem_end_before_start,
	ended_before_start: m.pairings_problem_ended_before_start,
	type: m.pairings_problem_invalid,
	required: m.pairings_problem_invalid,
	too_long: m.pairings_problem_invalid,
	not_allowed: m.pairings_problem_invalid,
	range: m.pairings_problem_invalid
};

/** Labels of pairing modes and visit kinds and statuses; `locale` for exports in Chinese. */
export const pairingModeLabel = (key: PairingMode, locale?: Locale): string => pairingModes[key]({}, { locale });
export const visitKindLabel = (key: VisitKind, locale?: Locale): string => visitKinds[key]({}, { locale });
export const visitStatusLabel = (key: VisitStatus, locale?: Locale): string => visitStatuses[key]({}, { locale });
/** The message of a broken board rule ([B1]–[B3]) or field check. */
export const pairingProblemText = (problem: PairingProblem | FieldError): string => pairingProblems[problem]();

const visitFields: Record<string, () => string> = {
	date: m.visits_date,
	host: m.visits_host,
	visitor: m.visits_visitor,
	kind: m.visits_kind,
	participants: m.visits_participants,
	participantNames: m.visits_names,
	topic: m.visits_topic,
	hours: m.visits_hours,
	summary: m.visits_summary,
	status: m.visits_field_status,
	pairingId: m.visits_field_pairingId,
	body: m.visits_field_body
};

/** The form label of a visit field the API names (in a 400 or a revision). */
export const visitFieldLabel = (field: string): string => visitFields[field]?.() ?? field;
