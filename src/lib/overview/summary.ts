/**
 * The phase timeline's geometry for the overview: where each phase sits on one strip, which one is
 * current and where today's marker goes. Pure, so it is tested with plain dates; the counts come
 * from the shared schedule module.
 */
import type { IsoDate, Phase, PhaseKey } from '../shared/plan/types';
import { isIsoDate, toDayNumber } from '../shared/plan/dates';

export interface TimelineSegment {
	key: PhaseKey;
	start: IsoDate;
	end: IsoDate;
	/** Percent of the strip's width. */
	left: number;
	width: number;
	state: 'past' | 'current' | 'future';
}

export interface TimelineLayout {
	segments: TimelineSegment[];
	/** Percent position of today's marker, or null when today is outside the phases. */
	today: number | null;
}

/** Lays the phases out on one strip scaled from the first start to the last end (whole days). */
export function timelineLayout(phases: readonly Phase[], today: IsoDate): TimelineLayout {
	const valid = phases.filter((p) => isIsoDate(p.start) && isIsoDate(p.end) && p.start <= p.end);
	if (!valid.length) return { segments: [], today: null };
	const min = Math.min(...valid.map((p) => toDayNumber(p.start)));
	const max = Math.max(...valid.map((p) => toDayNumber(p.end))) + 1;
	const span = max - min;
	const pct = (d: number) => Math.round(((d - min) / span) * 10_000) / 100;
	const t = isIsoDate(today) ? toDayNumber(today) : NaN;
	return {
		segments: valid.map((p) => {
			const s = toDayNumber(p.start);
			const e = toDayNumber(p.end) + 1;
			return {
				key: p.key,
				start: p.start,
				end: p.end,
				left: pct(s),
				width: pct(e) - pct(s),
				state: t >= e ? 'past' : t >= s ? 'current' : 'future'
			};
		}),
		today: t >= min && t < max ? pct(t + 0.5) : null
	};
}
