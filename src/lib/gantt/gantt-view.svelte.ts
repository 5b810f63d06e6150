/**
 * The Gantt's view state as a rune class: zoom, grouping, collapsed groups, the per-phase view,
 * scroll position and viewport size, and what follows from them (axis, rows, what is in view).
 * The data (tasks, phases, plan range) comes through getters, so the same class serves the live
 * page and the benchmark harness. Geometry itself is `layout.ts`.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { IsoDate, Phase, PhaseKey, Task } from '../shared/plan/types';
import { TASK_FIELD } from '../shared/sync/kinds/plan';
import {
	buildRows,
	linksInView,
	linksOf,
	makeAxis,
	pxPerDayFor,
	ROW_HEIGHT,
	scrollForZoom,
	visibleRows,
	type GroupBy,
	type Row,
	type Zoom
} from './layout';
import { stepZoom, type ZoomStep } from './zoom';

export interface MilestoneLane {
	schoolId: string;
	name: string;
	milestones: { id: string; title: string; due: IsoDate; status: Task['status']; progress: number }[];
}

/** Another person's bar drag in progress, seen through presence. */
export interface PeerDrag {
	id: string;
	start: IsoDate;
	due: IsoDate;
	name: string;
	color: string;
}

export interface GanttSource {
	tasks: () => readonly Task[];
	phases: () => readonly Phase[];
	plan: () => { start: IsoDate; end: IsoDate };
}

/** Width of the sticky names column: full on desktops, numbers only on phones. */
export const NAMES_WIDTH = { wide: 300, narrow: 52 } as const;
export const HEADER_HEIGHT = 60;

export class GanttView {
	zoom = $state<Zoom>('month');
	groupBy = $state<GroupBy>(TASK_FIELD.workstream);
	phase = $state<PhaseKey | null>(null);
	readonly collapsed = new SvelteSet<string>();
	scrollLeft = $state(0);
	scrollTop = $state(0);
	viewportWidth = $state(1000);
	viewportHeight = $state(600);
	/** Pilot schools' milestones, shown on demand as one lane per school after the tasks. */
	lanes = $state.raw<MilestoneLane[]>([]);

	constructor(private readonly source: GanttSource) {}

	/** Phones (a narrow frame) show task numbers instead of names. */
	get narrow(): boolean {
		return this.viewportWidth < 640;
	}

	get namesWidth(): number {
		return this.narrow ? NAMES_WIDTH.narrow : NAMES_WIDTH.wide;
	}

	/** The dates shown: the plan, or the chosen phase. */
	readonly range = $derived.by(() => {
		const plan = this.source.plan();
		const p = this.phase ? this.source.phases().find((x) => x.key === this.phase) : null;
		return p && p.start <= p.end ? { start: p.start, end: p.end } : { start: plan.start, end: plan.end };
	});

	readonly axis = $derived.by(() => {
		const days = makeAxis(this.range.start, this.range.end, 1).days;
		return makeAxis(this.range.start, this.range.end, pxPerDayFor(this.zoom, days, Math.max(200, this.viewportWidth - this.namesWidth - 8)));
	});

	readonly rows: Row[] = $derived.by(() => buildRows(this.source.tasks(), { groupBy: this.groupBy, collapsed: this.collapsed, phase: this.phase }));

	/** Task id → row index, for arrows and keyboard moves between rows. */
	readonly rowOf = $derived.by(() => {
		const m = new Map<string, number>();
		for (const r of this.rows) if (r.kind === 'task') m.set(r.task.id, r.index);
		return m;
	});

	readonly links = $derived.by(() => linksOf(this.source.tasks()));

	readonly #byId = $derived.by(() => new Map(this.source.tasks().map((t) => [t.id, t])));

	task(id: string): Task | undefined {
		return this.#byId.get(id);
	}

	/** Task and group rows, then (when shown) a header row and one lane per school. */
	get rowCount(): number {
		return this.rows.length + (this.lanes.length ? this.lanes.length + 1 : 0);
	}

	get bodyHeight(): number {
		return this.rowCount * ROW_HEIGHT;
	}

	/** Row indices in view (with overscan). */
	readonly window = $derived(visibleRows(this.rowCount, this.scrollTop, Math.max(0, this.viewportHeight - HEADER_HEIGHT)));

	readonly visible: Row[] = $derived(this.rows.slice(this.window.from, this.window.to));

	readonly visibleLinks = $derived(linksInView(this.links, this.rowOf, this.window.from, this.window.to));

	/** The horizontal window of the chart in axis px, with a margin either side. */
	get xWindow(): { left: number; right: number } {
		const margin = 300;
		return { left: this.scrollLeft - margin, right: this.scrollLeft + this.viewportWidth - this.namesWidth + margin };
	}

	toggleGroup(key: string): void {
		if (this.collapsed.has(key)) this.collapsed.delete(key);
		else this.collapsed.add(key);
	}

	/**
	 * [G9] Changes zoom and returns the scroll position that keeps the day under `anchor` (px into
	 * the chart area; the centre when absent) in place.
	 */
	setZoom(zoom: Zoom, anchor?: number): number {
		const before = this.axis.pxPerDay;
		const a = anchor ?? (this.viewportWidth - this.namesWidth) / 2;
		this.zoom = zoom;
		return scrollForZoom(this.scrollLeft, a, before, this.axis.pxPerDay);
	}

	/** The next zoom in (+1: closer, towards week) or out (−1), or `null` at the end. */
	stepZoom(direction: ZoomStep): Zoom | null {
		return stepZoom(this.zoom, direction);
	}
}
