/**
 * Geometry of the visit charts ([B7]): visits per month stacked by kind, and totals by kind.
 * Pure functions of plain numbers (d3 supplies the scales and the stack); Svelte draws the SVG.
 */
import { scaleBand, scaleLinear, stack } from 'd3';
import { dateParts, makeDate } from '../shared/plan/dates';
import { VISIT_KINDS, type IsoDate, type VisitKind } from '../shared/plan/types';

/** Every month `YYYY-MM` from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: IsoDate, to: IsoDate): string[] {
	const out: string[] = [];
	let { year, month } = dateParts(from);
	const end = dateParts(to);
	while (year < end.year || (year === end.year && month <= end.month)) {
		out.push(makeDate(year, month, 1).slice(0, 7));
		month++;
		if (month > 12) {
			month = 1;
			year++;
		}
	}
	return out;
}

export interface ChartBox {
	width: number;
	height: number;
	/** Room for the axis labels. */
	margin: { top: number; right: number; bottom: number; left: number };
}

export interface MonthBar {
	month: string;
	kind: VisitKind;
	count: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface MonthChart {
	bars: MonthBar[];
	/** Month labels under the bars (`M`月 / month number), centred. */
	xLabels: { month: string; x: number }[];
	/** Whole-number ticks of the count axis. */
	yTicks: { value: number; y: number }[];
	/** The plot's baseline. */
	baseline: number;
}

/**
 * [B7] Stacked bars: one band per month, one segment per kind with visits that month (kinds in
 * their fixed order from the baseline up). The count axis starts at 0 and has whole-number ticks.
 */
export function monthChart(byMonth: ReadonlyMap<string, ReadonlyMap<VisitKind, number>>, months: string[], box: ChartBox): MonthChart {
	const { width, height, margin } = box;
	const x = scaleBand<string>()
		.domain(months)
		.range([margin.left, width - margin.right])
		.paddingInner(0.25)
		.paddingOuter(0.1);
	const rows = months.map((month) => {
		const counts = byMonth.get(month);
		const row: Record<string, number> & { month?: never } = {};
		for (const k of VISIT_KINDS) row[k] = counts?.get(k) ?? 0;
		return row;
	});
	const max = Math.max(1, ...rows.map((r) => VISIT_KINDS.reduce((n, k) => n + r[k], 0)));
	const y = scaleLinear()
		.domain([0, max])
		.nice(Math.min(max, 5))
		.range([height - margin.bottom, margin.top]);
	const series = stack<Record<string, number>>().keys(VISIT_KINDS)(rows);
	const bars: MonthBar[] = [];
	for (const s of series) {
		s.forEach(([lo, hi], i) => {
			if (hi - lo <= 0) return;
			bars.push({
				month: months[i],
				kind: s.key as VisitKind,
				count: hi - lo,
				x: x(months[i])!,
				y: y(hi),
				width: x.bandwidth(),
				height: y(lo) - y(hi)
			});
		});
	}
	const ticks = y.ticks(Math.min(max, 5)).filter((t) => Number.isInteger(t));
	return {
		bars,
		xLabels: months.map((month) => ({ month, x: x(month)! + x.bandwidth() / 2 })),
		yTicks: ticks.map((value) => ({ value, y: y(value) })),
		baseline: height - margin.bottom
	};
}

export interface KindBar {
	kind: VisitKind;
	count: number;
	/** Bar length, proportional to the largest count. */
	width: number;
}

/** [B7] One bar per kind with visits, in the kinds' fixed order, the longest `maxWidth` long. */
export function kindBars(byKind: ReadonlyMap<VisitKind, number>, maxWidth: number): KindBar[] {
	const max = Math.max(0, ...byKind.values());
	if (max === 0) return [];
	const x = scaleLinear().domain([0, max]).range([0, maxWidth]);
	return VISIT_KINDS.filter((k) => (byKind.get(k) ?? 0) > 0).map((kind) => ({
		kind,
		count: byKind.get(kind)!,
		width: x(byKind.get(kind)!)
	}));
}
