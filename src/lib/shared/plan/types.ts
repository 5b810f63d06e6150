/**
 * The plan's domain vocabulary, shared by the browser, the SvelteKit handler and the sync server.
 * Values are the stable keys of ../../../../shared/contract.md; labels live in the i18n messages.
 */

export const PHASES = ['launch', 'pilot', 'rollout', 'evaluation'] as const;
export type PhaseKey = (typeof PHASES)[number];

export const TASK_STATUSES = ['todo', 'doing', 'done', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const ROLES = ['admin', 'leader', 'coordinator', 'partner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCHOOL_TYPES = ['urban_quality', 'rural_center', 'new', 'other'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const SCHOOL_TIERS = ['strong', 'weak', 'none'] as const;
export type SchoolTier = (typeof SCHOOL_TIERS)[number];

export const PAIRING_MODES = ['cadre_rotation', 'teacher_exchange', 'resource_sharing'] as const;
export type PairingMode = (typeof PAIRING_MODES)[number];

export const VISIT_KINDS = [
	'cadre_rotation',
	'teacher_exchange',
	'resource_sharing',
	'lesson_observation',
	'joint_research',
	'other'
] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** [V4] `planned` ahead (never counted), `logged` once it took place, `confirmed` by the host school. */
export const VISIT_STATUSES = ['planned', 'logged', 'confirmed'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** A calendar day as `YYYY-MM-DD`; plans are scheduled in whole days. */
export type IsoDate = string;

export interface Phase {
	key: PhaseKey;
	name: string;
	start: IsoDate;
	end: IsoDate;
}

export interface Task {
	id: string;
	title: string;
	workstream: string;
	phase: PhaseKey;
	unit: string;
	lead: string;
	start: IsoDate;
	due: IsoDate;
	status: TaskStatus;
	progress: number;
	deps: string[];
	order: string;
}

export interface Milestone {
	id: string;
	title: string;
	phase: PhaseKey;
	due: IsoDate;
	status: TaskStatus;
	progress: number;
	doneOn?: IsoDate;
	note: string;
}

export const INDICATOR_OPS = ['>=', '<='] as const;
export const INDICATOR_SCOPES = ['district', 'school'] as const;

/**
 * One numeric target of a goal group, e.g. 学业达标率 ≥ 98%: its own `Y.Map` in the plan room's
 * `indicators`, so two people editing two indicators of one group never overwrite each other.
 */
export interface Indicator {
	id: string;
	/** The goal group it belongs to. */
	group: string;
	name: string;
	/** `>=` for "at least" targets (most of them), `<=` for caps. */
	op: (typeof INDICATOR_OPS)[number];
	target: number;
	unit: string;
	/** The value when the plan started, if known. */
	baseline: number | null;
	/** `district`: one district figure; `school`: measured per school. */
	scope: (typeof INDICATOR_SCOPES)[number];
	order: number;
}

export interface GoalGroup {
	id: string;
	title: string;
	order: number;
}

/** A milestone the leading group asks of every pilot school (or of some school types). */
export interface MilestoneTemplate {
	id: string;
	title: string;
	phase: PhaseKey;
	due: IsoDate;
	/** School types it applies to; empty: every pilot school. */
	types: SchoolType[];
	order: number;
}

/** A strong school paired with a weak one (强校带弱校), in the `pairings:<planId>` room. */
export interface Pairing {
	id: string;
	strong: string;
	weak: string;
	modes: PairingMode[];
	start: IsoDate;
	end: IsoDate;
	/** Confirmed visits per semester the pairing aims for. */
	target: number;
	/** The day the pairing ended; absent while it runs. */
	ended?: IsoDate;
}

/** The pairing board's settings (one record in the `pairings:<planId>` room). */
export interface PairingSettings {
	id: string;
	/** [B6] A running pairing without a confirmed visit for this many weeks is silent. */
	silentWeeks: number;
	/** [B8] Bumped by the server after every visit write; boards re-read the visits when it moves. */
	visitsVersion: number;
}
