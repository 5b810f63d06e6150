/**
 * A bar's pointer drag and key presses on plain numbers, apart from the DOM ([G12], [G13]). The
 * chart feeds it pointer positions (client x for travel, SVG body coordinates for handles) and
 * acts on what it returns: a preview to share with peers while a bar moves, and one action on
 * release. Dates snap through `dragDates` ([G7]), progress through `progressAt` ([G8]).
 */
import type { IsoDate } from '../shared/plan/types';
import { daysFromPx, dragDates, progressAt, type DragMode } from './layout';

/** Pointer travel (px) below which a press is still a click, not a drag. */
export const DEAD_ZONE = 3;

export type DragKind = DragMode | 'progress' | 'link';

export type DragState =
	| { kind: 'dates'; id: string; mode: DragMode; x0: number; orig: Dates; start: IsoDate; due: IsoDate; moved: boolean }
	| { kind: 'progress'; id: string; x0: number; barX: number; barW: number; progress: number; moved: boolean }
	| { kind: 'link'; id: string; x1: number; y1: number; x: number; y: number; target: string | null };

interface Dates {
	start: IsoDate;
	due: IsoDate;
}

export interface Press {
	id: string;
	kind: DragKind;
	task: Dates & { progress: number };
	/** The pointer's client x, for travel. */
	clientX: number;
	/** The pointer in body coordinates. */
	point: { x: number; y: number };
	bar: { x: number; width: number };
	/** The y of the middle of the bar's row, where a link starts. */
	rowMid: number;
	editable: boolean;
}

export interface Motion {
	clientX: number;
	point: { x: number; y: number };
	pxPerDay: number;
	/** The task under the pointer (link drags only). */
	target?: string | null;
}

/** What a release asks the chart to do. */
export type DragAction =
	| { kind: 'open'; id: string }
	| { kind: 'move'; id: string; dates: Dates }
	| { kind: 'progress'; id: string; progress: number }
	| { kind: 'link'; from: string; to: string };

export class DragMachine {
	#drag: DragState | null = null;
	#editable = false;

	/** The drag in progress, or `null`: what the chart draws its preview from. */
	get current(): DragState | null {
		return this.#drag;
	}

	/** Starts a drag. A read-only press still becomes a (dateless) move, so a tap opens the task. */
	press(p: Press): void {
		this.#editable = p.editable;
		const { id, task } = p;
		const dates = (mode: DragMode): DragState => ({
			kind: 'dates',
			id,
			mode,
			x0: p.clientX,
			orig: { start: task.start, due: task.due },
			start: task.start,
			due: task.due,
			moved: false
		});
		if (!p.editable) this.#drag = dates('move');
		else if (p.kind === 'progress') this.#drag = { kind: 'progress', id, x0: p.clientX, barX: p.bar.x, barW: p.bar.width, progress: task.progress, moved: false };
		else if (p.kind === 'link') this.#drag = { kind: 'link', id, x1: p.bar.x + p.bar.width, y1: p.rowMid, x: p.point.x, y: p.point.y, target: null };
		else this.#drag = dates(p.kind);
	}

	/** Follows the pointer; returns the bar's new dates when they change (to show peers). */
	move(e: Motion): { id: string; start: IsoDate; due: IsoDate } | null {
		const d = this.#drag;
		if (!d) return null;
		if (d.kind === 'link') {
			const target = e.target ?? null;
			this.#drag = { ...d, x: e.point.x, y: e.point.y, target: target === d.id ? null : target };
			return null;
		}
		const dx = e.clientX - d.x0;
		if (Math.abs(dx) < DEAD_ZONE && !d.moved) return null;
		if (!this.#editable) return null;
		if (d.kind === 'progress') {
			this.#drag = { ...d, moved: true, progress: progressAt(e.point.x, d.barX, d.barW) };
			return null;
		}
		const next = dragDates(d.orig, d.mode, daysFromPx(dx, e.pxPerDay));
		if (next.start === d.start && next.due === d.due && d.moved) return null;
		this.#drag = { ...d, ...next, moved: true };
		return { id: d.id, ...next };
	}

	/**
	 * Ends the drag. `clearPreview` says a dates drag ended (peers stop seeing it); `action` is
	 * what to commit: a press without a move opens the task, an unchanged drop does nothing.
	 */
	release(): { clearPreview: boolean; action: DragAction | null } {
		const d = this.#drag;
		this.#drag = null;
		if (!d) return { clearPreview: false, action: null };
		if (d.kind === 'link') return { clearPreview: false, action: d.target ? { kind: 'link', from: d.id, to: d.target } : null };
		if (d.kind === 'progress') return { clearPreview: false, action: d.moved ? { kind: 'progress', id: d.id, progress: d.progress } : null };
		if (!d.moved) return { clearPreview: true, action: { kind: 'open', id: d.id } };
		const changed = d.start !== d.orig.start || d.due !== d.orig.due;
		return { clearPreview: true, action: changed ? { kind: 'move', id: d.id, dates: { start: d.start, due: d.due } } : null };
	}

	/** Drops the drag without committing; `true` when peers were being shown a preview. */
	cancel(): boolean {
		const wasDates = this.#drag?.kind === 'dates';
		this.#drag = null;
		return wasDates;
	}
}

/** What a key on a focused bar does (WCAG 2.5.7: every drag has a non-drag equivalent). */
export type BarKeyAction =
	| { kind: 'open' }
	| { kind: 'focus'; step: 1 | -1 }
	| { kind: 'readonly' }
	| { kind: 'move'; dates: Dates };

/**
 * [G13] Enter or Space opens the task, Up/Down go to the previous/next task, Left/Right move it a
 * day and Shift+Left/Right change its due day; read-only, the arrows say why instead. Other keys
 * are `null` (left to the browser).
 */
export function barKey(e: { key: string; shiftKey: boolean }, task: Dates, editable: boolean): BarKeyAction | null {
	if (e.key === 'Enter' || e.key === ' ') return { kind: 'open' };
	if (e.key === 'ArrowUp' || e.key === 'ArrowDown') return { kind: 'focus', step: e.key === 'ArrowUp' ? -1 : 1 };
	if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return null;
	if (!editable) return { kind: 'readonly' };
	return { kind: 'move', dates: dragDates(task, e.shiftKey ? 'due' : 'move', e.key === 'ArrowLeft' ? -1 : 1) };
}

/** [G13] The index of the next task row from `index` in `step`'s direction (group rows skipped). */
export function nextTaskRow(rows: readonly { kind: string }[], index: number, step: 1 | -1): number {
	let i = index + step;
	while (rows[i] && rows[i].kind !== 'task') i += step;
	return i;
}
