/**
 * Zoom gestures on plain numbers ([G14]): which way a Ctrl+wheel or a two-finger pinch steps the
 * zoom, and the next zoom in a direction. Keeping the day under the pointer in place is
 * `scrollForZoom` ([G9]), applied by `GanttView.setZoom`.
 */
import { ZOOMS, type Zoom } from './layout';

/** +1 zooms in (closer, towards week), −1 out. */
export type ZoomStep = 1 | -1;

/** The next zoom in `direction`, or `null` past either end. */
export function stepZoom(zoom: Zoom, direction: ZoomStep): Zoom | null {
	const i = ZOOMS.indexOf(zoom) - direction;
	return i >= 0 && i < ZOOMS.length ? ZOOMS[i] : null;
}

/** Ctrl+wheel (and a trackpad pinch, which Chromium reports as one) zooms; a plain wheel scrolls. */
export function wheelStep(e: { ctrlKey: boolean; deltaY: number }): ZoomStep | null {
	if (!e.ctrlKey) return null;
	return e.deltaY < 0 ? 1 : -1;
}

/** Finger spread, relative to the last step, that makes the next step in or out. */
const PINCH_IN = 1.3;
const PINCH_OUT = 0.77;

/** A two-finger pinch: one zoom step each time the fingers' distance grows or shrinks enough. */
export class Pinch {
	#last: number | null = null;

	/** A touch began: `distance` between two fingers, or `null` for any other number of them. */
	start(distance: number | null): void {
		this.#last = distance;
	}

	/** Two fingers moved to `distance` apart: the step to take, if any. */
	move(distance: number): ZoomStep | null {
		if (this.#last === null) return null;
		const ratio = distance / this.#last;
		if (ratio <= PINCH_IN && ratio >= PINCH_OUT) return null;
		const step: ZoomStep = distance > this.#last ? 1 : -1;
		this.#last = distance;
		return step;
	}
}
