/**
 * Row virtualization of the task grid: rows have one fixed height, so which rows exist in the DOM
 * is plain arithmetic on the scroll position ([T11]); the component renders only those, between
 * two spacers, and the DOM holds a bounded number of rows whatever the plan's size.
 */

export interface RowWindow {
	/** First rendered row (inclusive) and the row after the last. */
	start: number;
	end: number;
	/** Offset of the first rendered row from the top of the body. */
	offset: number;
	total: number;
}

/** [T11] The rows to render for a viewport, with `overscan` rows either side. */
export function rowWindow(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 6): RowWindow {
	const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
	const shown = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
	const start = Math.max(0, Math.min(count, first - overscan));
	const end = Math.min(count, first + shown + overscan);
	return { start, end, offset: start * rowHeight, total: count * rowHeight };
}

/** [T11] The scroll position that brings row `index` fully into view (unchanged if it is). */
export function scrollToRow(scrollTop: number, viewport: number, rowHeight: number, index: number, header = 0): number {
	const top = index * rowHeight;
	const bottom = top + rowHeight;
	const room = viewport - header;
	if (top < scrollTop) return top;
	if (bottom > scrollTop + room) return bottom - room;
	return scrollTop;
}

/** The scroll state of one grid body, as runes; the component feeds it scroll and resize events. */
export class VirtualRows {
	#scrollTop = $state(0);
	#viewport = $state(600);
	readonly rowHeight: number;
	readonly overscan: number;
	readonly #count: () => number;

	/**
	 * `count` is read where the window is, not pushed in by an effect: effects do not run in the
	 * server render, which then drew no rows at all, so the page's first screen waited for the
	 * browser's scripts.
	 */
	constructor(rowHeight: number, count: () => number, overscan = 6) {
		this.rowHeight = rowHeight;
		this.#count = count;
		this.overscan = overscan;
	}

	get window(): RowWindow {
		return rowWindow(this.#scrollTop, this.#viewport, this.rowHeight, this.#count(), this.overscan);
	}

	get viewport(): number {
		return this.#viewport;
	}

	/** Rows that fit in the viewport: the PageUp/PageDown step. */
	get page(): number {
		return Math.max(1, Math.floor(this.#viewport / this.rowHeight) - 1);
	}

	onScroll(scrollTop: number): void {
		this.#scrollTop = scrollTop;
	}

	onResize(viewport: number): void {
		this.#viewport = viewport;
	}
}
