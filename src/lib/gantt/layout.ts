/**
 * The Gantt's geometry without a DOM: the time axis (d3's UTC scale and time intervals over
 * whole days), rows grouped and collapsed, bar and milestone geometry, dependency paths (d3-path),
 * what lies in view, and the day arithmetic of drags. Plain numbers in, plain numbers out, so
 * tests check it with figures; the Svelte components only draw what it says. Rule ids ([G1]…)
 * are in tests/SPEC.md.
 */
// Named imports from d3 7's bundle: only these modules (d3-scale, d3-time, d3-path) end up in the build.
import { path as d3path, scaleUtc, utcDay, utcMonday, utcMonth } from 'd3';
import { addDays, fromDayNumber, toDayNumber } from '../shared/plan/dates';
import { PHASES, type IsoDate, type PhaseKey, type Task } from '../shared/plan/types';
import { TASK_FIELD } from '../shared/sync/kinds/plan';

export const ZOOMS = ['week', 'month', 'quarter', 'plan'] as const;
export type Zoom = (typeof ZOOMS)[number];

/** Day width at each fixed zoom; `plan` fits the whole range in the viewport. */
export const PX_PER_DAY: Record<Exclude<Zoom, 'plan'>, number> = { week: 28, month: 8, quarter: 3 };
/** Below this a day is too thin to drag with a pointer; the plan view still fits, it just snaps coarser. */
export const MIN_PX_PER_DAY = 0.5;

export const ROW_HEIGHT = 30;
export const BAR_HEIGHT = 18;

/** [G1] Day width for a zoom: fixed for week/month/quarter; `plan` fits `days` into `viewport` px. */
export function pxPerDayFor(zoom: Zoom, days: number, viewport: number): number {
	if (zoom !== 'plan') return PX_PER_DAY[zoom];
	return Math.max(MIN_PX_PER_DAY, viewport / Math.max(1, days));
}

export interface TimeAxis {
	/** Day number of the first day shown. */
	day0: number;
	/** Days shown, both ends included. */
	days: number;
	pxPerDay: number;
	width: number;
}

/** [G1] The axis from `from` to `to` (both days shown in full). */
export function makeAxis(from: IsoDate, to: IsoDate, pxPerDay: number): TimeAxis {
	const day0 = toDayNumber(from);
	const days = toDayNumber(to) - day0 + 1;
	return { day0, days, pxPerDay, width: days * pxPerDay };
}

/** [G1] x of the left edge of `date`. */
export function xOf(axis: TimeAxis, date: IsoDate): number {
	return (toDayNumber(date) - axis.day0) * axis.pxPerDay;
}

/** [G1] The day under x (a day owns [left edge, next left edge)). */
export function dateAt(axis: TimeAxis, x: number): IsoDate {
	return fromDayNumber(axis.day0 + Math.floor(x / axis.pxPerDay));
}

/**
 * [G2] A bar covers its start day through its due day inclusive; a task whose start is its due
 * day is a milestone: a diamond centred on that day. Invalid dates give no geometry.
 */
export function barGeometry(axis: TimeAxis, start: IsoDate, due: IsoDate): { x: number; width: number; milestone: boolean } | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(due) || due < start) return null;
	const x = xOf(axis, start);
	return { x, width: xOf(axis, addDays(due, 1)) - x, milestone: start === due };
}

export interface Tick {
	x: number;
	date: IsoDate;
	/** Width until the next tick (or the axis end), for centring labels. */
	width: number;
}

const toUtc = (axis: TimeAxis, day: number) => new Date((axis.day0 + day) * 86_400_000);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * [G3] Header ticks for a zoom, via d3's UTC scale: the upper line is months (quarters at the
 * quarter and plan zooms), the lower line days (week zoom), Mondays (month zoom) or months.
 */
export function axisTicks(axis: TimeAxis, zoom: Zoom): { upper: Tick[]; lower: Tick[]; upperUnit: 'month' | 'quarter'; lowerUnit: 'day' | 'week' | 'month' } {
	const scale = scaleUtc().domain([toUtc(axis, 0), toUtc(axis, axis.days)]).range([0, axis.width]);
	const wide = zoom === 'quarter' || zoom === 'plan';
	const upperInterval = wide ? utcMonth.every(3)! : utcMonth;
	const lowerInterval = zoom === 'week' ? utcDay : zoom === 'month' ? utcMonday : utcMonth;
	const make = (dates: Date[]): Tick[] => {
		// The first label starts at the axis start even when its interval began before.
		const starts = [toUtc(axis, 0), ...dates.filter((d) => d > toUtc(axis, 0))];
		return starts.map((d, i) => {
			const x = scale(d);
			const next = i + 1 < starts.length ? scale(starts[i + 1]) : axis.width;
			return { x, date: isoOf(d), width: next - x };
		});
	};
	const end = toUtc(axis, axis.days);
	return {
		upper: make(upperInterval.range(toUtc(axis, 0), end)),
		lower: make(lowerInterval.range(toUtc(axis, 0), end)),
		upperUnit: wide ? 'quarter' : 'month',
		lowerUnit: zoom === 'week' ? 'day' : zoom === 'month' ? 'week' : 'month'
	};
}

// ─── Rows ──────────────────────────────────────────────────────────────────────────────────────

/** Group by one of these task fields, or not at all. */
export const GROUPINGS = [TASK_FIELD.workstream, TASK_FIELD.phase, TASK_FIELD.unit, 'none'] as const;
export type GroupBy = (typeof GROUPINGS)[number];

export interface TaskRow {
	kind: 'task';
	task: Task;
	/** The task's number in plan order (the table's 序号). */
	number: number;
	index: number;
	y: number;
	group: string;
}

export interface GroupRow {
	kind: 'group';
	key: string;
	count: number;
	collapsed: boolean;
	index: number;
	y: number;
}

export type Row = TaskRow | GroupRow;

export interface RowOptions {
	groupBy: GroupBy;
	collapsed: ReadonlySet<string>;
	/** Only this phase's tasks (the per-phase view), or every task. */
	phase: PhaseKey | null;
	rowHeight?: number;
}

/**
 * [G4] Rows in plan order: with a grouping, a header row per group (groups in order of first
 * appearance; phases in phase order) followed by its tasks unless collapsed; the per-phase view
 * keeps only that phase's tasks. Numbers stay the plan-order numbers of the whole plan.
 */
export function buildRows(tasks: readonly Task[], opts: RowOptions): Row[] {
	const h = opts.rowHeight ?? ROW_HEIGHT;
	const numbered = tasks.map((task, i) => ({ task, number: i + 1 })).filter((r) => !opts.phase || r.task.phase === opts.phase);
	const rows: Row[] = [];
	const push = (r: Omit<TaskRow, 'index' | 'y'> | Omit<GroupRow, 'index' | 'y'>) =>
		rows.push({ ...r, index: rows.length, y: rows.length * h } as Row);
	if (opts.groupBy === 'none') {
		for (const r of numbered) push({ kind: 'task', ...r, group: '' });
		return rows;
	}
	const key = (t: Task) => (opts.groupBy === TASK_FIELD.phase ? t.phase : opts.groupBy === TASK_FIELD.unit ? t.unit : t.workstream);
	const groups = new Map<string, typeof numbered>();
	if (opts.groupBy === TASK_FIELD.phase) for (const p of PHASES) groups.set(p, []);
	for (const r of numbered) {
		const k = key(r.task);
		(groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
	}
	for (const [k, members] of groups) {
		if (members.length === 0) continue;
		const collapsed = opts.collapsed.has(k);
		push({ kind: 'group', key: k, count: members.length, collapsed });
		if (!collapsed) for (const r of members) push({ kind: 'task', ...r, group: k });
	}
	return rows;
}

/** [G5] Rows intersecting the viewport, plus `overscan` rows each side: indices [from, to). */
export function visibleRows(count: number, scrollTop: number, viewport: number, overscan = 5, rowHeight = ROW_HEIGHT) {
	const from = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
	const to = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
	return { from, to: Math.max(from, to) };
}

/** [G5] Whether [x, x + width] meets the horizontal window [left, right]. */
export function inViewX(x: number, width: number, left: number, right: number): boolean {
	return x + width >= left && x <= right;
}

// ─── Dependencies ──────────────────────────────────────────────────────────────────────────────

export interface Link {
	from: string;
	to: string;
}

/** Every finish-to-start link between known tasks (predecessor → successor). */
export function linksOf(tasks: readonly Pick<Task, 'id' | 'deps'>[]): Link[] {
	const known = new Set(tasks.map((t) => t.id));
	const out: Link[] = [];
	for (const t of tasks) for (const d of t.deps) if (d !== t.id && known.has(d)) out.push({ from: d, to: t.id });
	return out;
}

/**
 * [G6] The path of a finish-to-start arrow from the end of the predecessor's bar (x1, y1) to the
 * start of the successor's (x2, y2): out 6 px, down, in. When the successor starts left of that,
 * the path drops half a row, runs back, and enters from the left.
 */
export function dependencyPath(x1: number, y1: number, x2: number, y2: number, rowHeight = ROW_HEIGHT): string {
	const p = d3path();
	const [first, ...rest] = dependencyPoints(x1, y1, x2, y2, rowHeight);
	p.moveTo(...first);
	for (const pt of rest) p.lineTo(...pt);
	return p.toString();
}

/** [G6] The corners of the arrow `dependencyPath` draws, first to last. */
export function dependencyPoints(x1: number, y1: number, x2: number, y2: number, rowHeight = ROW_HEIGHT): [number, number][] {
	const gap = 6;
	if (x2 - x1 >= 2 * gap) return [[x1, y1], [x1 + gap, y1], [x1 + gap, y2], [x2, y2]];
	const mid = y1 + (y2 >= y1 ? rowHeight / 2 : -rowHeight / 2);
	return [[x1, y1], [x1 + gap, y1], [x1 + gap, mid], [x2 - gap, mid], [x2 - gap, y2], [x2, y2]];
}

/**
 * [G5] The part of an arrow (horizontal and vertical runs only) between `top` and `bottom`, as
 * path data ('' when none of it is there), and whether its head is there. An arrow between rows
 * thousands apart is thus drawn only across the rows in view.
 */
export function clipArrow(points: readonly [number, number][], top: number, bottom: number): { d: string; head: boolean } {
	const p = d3path();
	let pen: [number, number] | null = null;
	let any = false;
	for (let i = 1; i < points.length; i++) {
		const [ax, ay] = points[i - 1];
		const [bx, by] = points[i];
		let a: [number, number];
		let b: [number, number];
		if (ay === by) {
			if (ay < top || ay > bottom) continue;
			a = [ax, ay];
			b = [bx, by];
		} else {
			const lo = Math.max(top, Math.min(ay, by));
			const hi = Math.min(bottom, Math.max(ay, by));
			if (lo > hi) continue;
			a = [ax, ay < by ? lo : hi];
			b = [bx, ay < by ? hi : lo];
		}
		if (!pen || pen[0] !== a[0] || pen[1] !== a[1]) p.moveTo(...a);
		p.lineTo(...b);
		pen = b;
		any = true;
	}
	const [, ly] = points[points.length - 1];
	return { d: any ? p.toString() : '', head: any && ly >= top && ly <= bottom };
}

/**
 * [G5] Links to draw for rows [from, to): both ends shown (not in a collapsed group or another
 * phase) and the vertical span meeting the window.
 */
export function linksInView(links: readonly Link[], rowOf: ReadonlyMap<string, number>, from: number, to: number): Link[] {
	return links.filter((l) => {
		const a = rowOf.get(l.from);
		const b = rowOf.get(l.to);
		if (a === undefined || b === undefined) return false;
		return Math.min(a, b) < to && Math.max(a, b) >= from;
	});
}

// ─── Drags ─────────────────────────────────────────────────────────────────────────────────────

export type DragMode = 'move' | 'start' | 'due';

/** [G7] Pointer travel in whole days (snapped to the nearest day). */
export function daysFromPx(dx: number, pxPerDay: number): number {
	return Math.round(dx / pxPerDay) || 0;
}

/**
 * [G7] Dates after a drag of `days`: a move shifts both; an edge drag moves only that date, and
 * never past the other (a bar is at least one day long).
 */
export function dragDates(task: { start: IsoDate; due: IsoDate }, mode: DragMode, days: number): { start: IsoDate; due: IsoDate } {
	if (mode === 'move') return { start: addDays(task.start, days), due: addDays(task.due, days) };
	if (mode === 'start') {
		const start = addDays(task.start, days);
		return { start: start > task.due ? task.due : start, due: task.due };
	}
	const due = addDays(task.due, days);
	return { start: task.start, due: due < task.start ? task.start : due };
}

/** [G8] Progress at pointer x over a bar: a whole percentage, 0–100. */
export function progressAt(x: number, barX: number, barWidth: number): number {
	if (barWidth <= 0) return 0;
	return Math.max(0, Math.min(100, Math.round(((x - barX) / barWidth) * 100)));
}

/** [G9] The scroll position that keeps the day under `anchor` (px from the viewport's left) in place across a zoom. */
export function scrollForZoom(scrollLeft: number, anchor: number, oldPx: number, newPx: number): number {
	return Math.max(0, ((scrollLeft + anchor) / oldPx) * newPx - anchor);
}
