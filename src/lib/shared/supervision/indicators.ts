/**
 * What the indicators API and page say about an indicator (contract v2 `indicators`), shared by
 * the server that computes it and the page that draws it.
 */
import type { Indicator, IsoDate } from '../plan/types';
import type { Figures, SchoolFigure } from './rollup';
import type { PlanMember } from '../sync/access';

/** One indicator as `GET …/indicators` answers it. */
export type IndicatorFigures = Omit<Indicator, 'order'> & Figures;

/** What the page adds: [I3] the trend and [I2] the per-school spread (school scope only). */
export interface IndicatorDetail extends IndicatorFigures {
	trend: { date: IsoDate; value: number }[];
	schools: SchoolFigure[];
}

/** One stored measurement, as `…/measurements` answers it. */
export interface Measurement {
	id: string;
	indicatorId: string;
	schoolId: string | null;
	value: number;
	date: IsoDate;
	source: string;
	fileId: string | null;
	createdBy: string;
	/** The display name of who entered it. */
	createdByName: string;
}

/**
 * [I5] A fingerprint of the contract's answer: equal for the page's figures and a fresh answer
 * exactly when nothing the answer says has moved (key order of the JSON does not matter).
 */
export function figuresSignature(list: readonly IndicatorFigures[]): string {
	return JSON.stringify(
		list.map((i) => [i.id, i.group, i.name, i.unit, i.op, i.target, i.baseline, i.scope, i.value, i.gap, i.met, i.measuredAt])
	);
}

/** Admins, leaders and coordinators enter measurements; the rest of the plan only reads them. */
export const mayMeasure = (m: PlanMember) => m.role === 'admin' || m.role === 'leader' || m.role === 'coordinator';

/** [I4] Whether the member may enter a figure for this school (`null`: the district's figure). */
export function mayMeasureFor(m: PlanMember, schoolId: string | null): boolean {
	if (m.role === 'admin' || m.role === 'leader') return true;
	return m.role === 'coordinator' && schoolId !== null && m.schoolId === schoolId;
}

/** Whether the member may enter any figure of an indicator of this scope (what the page offers). */
export function mayMeasureScope(m: PlanMember, scope: Indicator['scope']): boolean {
	if (scope === 'district') return mayMeasureFor(m, null);
	return m.role === 'coordinator' ? m.schoolId !== null : mayMeasureFor(m, null);
}
