/**
 * [I3] Geometry of an indicator's trend drawn against its target: the roll-up after each
 * measurement day as a line over the plan's dates, the target (and the baseline, when known) as
 * horizontal lines across the plot. Pure functions of plain numbers (d3 supplies the scales and
 * the line); Svelte draws the SVG.
 */
import { line, scaleLinear } from 'd3';
import { daysBetween } from '../shared/plan/dates';
import type { IsoDate } from '../shared/plan/types';
import { monthsBetween, type ChartBox } from '../pairing/chart';

export interface TrendInput {
	trend: readonly { date: IsoDate; value: number }[];
	target: number;
	baseline: number | null;
	/** The x axis: the plan's first and last day. */
	from: IsoDate;
	to: IsoDate;
}

export interface TrendChart {
	/** SVG path of the trend line; empty without points. */
	path: string;
	points: { date: IsoDate; value: number; x: number; y: number }[];
	targetY: number;
	baselineY: number | null;
	yTicks: { value: number; y: number }[];
	/** The first day of every third month from the plan's first month, along the x axis. */
	xTicks: { date: IsoDate; x: number }[];
	/** The plot's left and right edges (the target line spans them). */
	left: number;
	right: number;
}

export function trendChart(input: TrendInput, box: ChartBox): TrendChart {
	const { width, height, margin } = box;
	const span = Math.max(1, daysBetween(input.from, input.to));
	const x = scaleLinear()
		.domain([0, span])
		.range([margin.left, width - margin.right])
		.clamp(true);
	const values = [input.target, ...(input.baseline === null ? [] : [input.baseline]), ...input.trend.map((p) => p.value)];
	let lo = Math.min(...values);
	let hi = Math.max(...values);
	// Some room above and below, so that a line on the target stays visible.
	const pad = Math.max((hi - lo) * 0.12, Math.abs(hi) * 0.02, 0.5);
	// …but an axis of figures that are never negative does not dip below zero.
	lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
	hi += pad;
	const y = scaleLinear()
		.domain([lo, hi])
		.nice(4)
		.range([height - margin.bottom, margin.top]);
	const points = input.trend.map((p) => ({ ...p, x: x(daysBetween(input.from, p.date)), y: y(p.value) }));
	const path = line<{ x: number; y: number }>()
		.x((p) => p.x)
		.y((p) => p.y)(points) ?? '';
	return {
		path: points.length ? path : '',
		points,
		targetY: y(input.target),
		baselineY: input.baseline === null ? null : y(input.baseline),
		yTicks: y.ticks(4).map((value) => ({ value, y: y(value) })),
		xTicks: monthsBetween(input.from, input.to)
			.filter((_, i) => i % 3 === 0)
			.map((month) => `${month}-01`)
			.filter((date) => date >= input.from)
			.map((date) => ({ date, x: x(daysBetween(input.from, date)) })),
		left: margin.left,
		right: width - margin.right
	};
}
