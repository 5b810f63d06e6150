/**
 * [I6] Which school-scope indicators a coordinator's school still owes a figure for: those with no
 * measurement of that school dated inside the current reporting cycle come first ("due"); the
 * rest are listed after, collapsed, so the phone shows what needs a value without clutter.
 */
import type { IndicatorDetail } from './indicators';
import type { Cycle } from './types';

export interface FigureDue {
	indicator: IndicatorDetail;
	/** The school's latest figure, any date; null when it was never measured. */
	latest: { value: number; date: string; gap: number } | null;
	/** True when the school has no figure dated within the cycle. */
	due: boolean;
}

export function figuresDue(indicators: readonly IndicatorDetail[], schoolId: string, cycle: Pick<Cycle, 'start' | 'end'>): FigureDue[] {
	const out = indicators
		.filter((i) => i.scope === 'school')
		.map((indicator) => {
			const s = indicator.schools.find((f) => f.schoolId === schoolId);
			const latest = s ? { value: s.value, date: s.date, gap: s.gap } : null;
			return { indicator, latest, due: !latest || latest.date < cycle.start || latest.date > cycle.end };
		});
	return [...out.filter((f) => f.due), ...out.filter((f) => !f.due)];
}
