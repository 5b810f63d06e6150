/**
 * The supervision feature's shared vocabulary (contract v2 indicators, reports and notices), used
 * by the schema, the services, the API and the pages.
 */
import type { IsoDate } from '../plan/types';

export const CADENCES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const REPORTER_KINDS = ['unit', 'school'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

export const REPORT_STATUSES = ['missing', 'submitted', 'nil'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const NOTICE_TARGETS = ['task', 'milestone'] as const;
export type NoticeTarget = (typeof NOTICE_TARGETS)[number];

export const NOTICE_LEVELS = ['yellow', 'red'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

export const NOTICE_STATUSES = ['open', 'answered', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** One reporting period: `id` is stable for the period (`c-<start>`). */
export interface Cycle {
	id: string;
	start: IsoDate;
	end: IsoDate;
	due: IsoDate;
}

export interface CycleSettings {
	cadence: Cadence;
	/** ISO weekday, 1 = Monday … 7 = Sunday. */
	dueWeekday: number;
	/** A Monday from which fortnights are counted. */
	anchor: IsoDate;
}

/** A measured value, as the roll-up reads it. */
export interface MeasurementPoint {
	value: number;
	date: IsoDate;
	schoolId: string | null;
}
