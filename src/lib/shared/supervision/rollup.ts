/**
 * [I1]–[I3] An indicator's figures from its measurements, exactly as contract v2 defines them:
 * - `value`: for a `district` indicator its latest measurement; for a `school` indicator the mean
 *   of each school's latest measurement; null when there is none.
 * - `gap` = `target − value` for `>=`, `value − target` for `<=`; `met` ⇔ `gap ≤ 0`.
 * "Latest" is by date, then by entry order (the later entry of one day wins), so a correction
 * entered the same day replaces the figure it corrects.
 */
import type { IsoDate } from '../plan/types';
import type { MeasurementPoint } from './types';

export interface Target {
	op: '>=' | '<=';
	target: number;
	scope: 'district' | 'school';
}

export interface Figures {
	value: number | null;
	gap: number | null;
	met: boolean | null;
	measuredAt: IsoDate | null;
}

export interface SchoolFigure {
	schoolId: string;
	value: number;
	date: IsoDate;
	gap: number;
	met: boolean;
}

/** Rounds away binary noise (0.1 + 0.2) without hiding real decimals of a percentage. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

export function gapOf(t: Pick<Target, 'op' | 'target'>, value: number): number {
	return tidy(t.op === '>=' ? t.target - value : value - t.target);
}

/** Points in entry order; the latest per key by date, a later entry winning ties. */
function latestBy(points: readonly MeasurementPoint[], key: (p: MeasurementPoint) => string | null) {
	const out = new Map<string, MeasurementPoint>();
	for (const p of points) {
		const k = key(p);
		if (k === null) continue;
		const seen = out.get(k);
		if (!seen || p.date >= seen.date) out.set(k, p);
	}
	return out;
}

function figuresOf(t: Target, points: readonly MeasurementPoint[]): Figures {
	const relevant = points.filter((p) => Number.isFinite(p.value) && (t.scope === 'district') === (p.schoolId === null));
	if (relevant.length === 0) return { value: null, gap: null, met: null, measuredAt: null };
	const latest = [...latestBy(relevant, (p) => (t.scope === 'district' ? 'district' : p.schoolId)).values()];
	const value = tidy(latest.reduce((s, p) => s + p.value, 0) / latest.length);
	const measuredAt = latest.reduce((d, p) => (p.date > d ? p.date : d), latest[0].date);
	const gap = gapOf(t, value);
	return { value, gap, met: gap <= 0, measuredAt };
}

/** [I1] The contract's `value`, `gap`, `met` and `measuredAt`. */
export const rollUp = (t: Target, points: readonly MeasurementPoint[]): Figures => figuresOf(t, points);

/** [I2] Each school's latest figure and its own gap, worst gap first. */
export function perSchool(t: Target, points: readonly MeasurementPoint[]): SchoolFigure[] {
	if (t.scope !== 'school') return [];
	const latest = latestBy(points.filter((p) => Number.isFinite(p.value)), (p) => p.schoolId);
	return [...latest.values()]
		.map((p) => {
			const gap = gapOf(t, p.value);
			return { schoolId: p.schoolId!, value: p.value, date: p.date, gap, met: gap <= 0 };
		})
		.sort((a, b) => b.gap - a.gap || a.schoolId.localeCompare(b.schoolId));
}

/** [I3] The roll-up as it stood after each measurement day: the trend line drawn against the target. */
export function trend(t: Target, points: readonly MeasurementPoint[]): { date: IsoDate; value: number }[] {
	const days = [...new Set(points.map((p) => p.date))].sort();
	const out: { date: IsoDate; value: number }[] = [];
	for (const day of days) {
		const f = figuresOf(t, points.filter((p) => p.date <= day));
		if (f.value !== null) out.push({ date: day, value: f.value });
	}
	return out;
}
