/**
 * The task grid's cursor as a rune class: the active cell (roving focus, WAI-ARIA grid), the
 * selected range from an anchor, rows picked for bulk edits, and the cell being edited with its
 * draft. Positions are indexes into the rendered view rows and the grid's columns; the component
 * maps them to tasks. Moves clamp to the grid ([T12]).
 */

import { untrack } from 'svelte';

export interface CellPos {
	row: number;
	col: number;
}

export interface CellRange {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

export class GridState {
	#active = $state<CellPos>({ row: 0, col: 1 });
	#anchor = $state<CellPos | null>(null);
	#editing = $state<{ pos: CellPos; draft: string } | null>(null);
	#picked = $state.raw<Set<string>>(new Set());
	#rows = 0;
	#cols = 0;

	get active(): CellPos {
		return this.#active;
	}

	get editing(): { pos: CellPos; draft: string } | null {
		return this.#editing;
	}

	/** The selected block: from the anchor (Shift+arrows, Shift+click) to the active cell. */
	get range(): CellRange {
		const a = this.#anchor ?? this.#active;
		const b = this.#active;
		return {
			top: Math.min(a.row, b.row),
			bottom: Math.max(a.row, b.row),
			left: Math.min(a.col, b.col),
			right: Math.max(a.col, b.col)
		};
	}

	/** Whether a cell lies in the selected block. */
	inRange(row: number, col: number): boolean {
		const r = this.range;
		return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
	}

	isActive(row: number, col: number): boolean {
		return this.#active.row === row && this.#active.col === col;
	}

	/** The roving-focus attributes of a cell: its position, whether it is the one tab stop, whether selected. */
	cellAttrs(row: number, col: number): { 'data-pos': string; tabindex: number; 'aria-selected': boolean } {
		return { 'data-pos': `${row}:${col}`, tabindex: this.isActive(row, col) ? 0 : -1, 'aria-selected': this.inRange(row, col) };
	}

	/** Whether the selection is more than the active cell. */
	get isBlock(): boolean {
		const r = this.range;
		return r.top !== r.bottom || r.left !== r.right;
	}

	/** Task ids picked for bulk edits (row checkboxes, Shift+Space). */
	get picked(): Set<string> {
		return this.#picked;
	}

	/**
	 * Called from an effect whenever the row count changes. It reads the cursor untracked and
	 * writes it only when the clamp moves it: an empty grid (a viewer's, or any grid before the
	 * live document arrives) used to write a fresh cursor on every run, which re-ran the effect
	 * until Svelte gave up with `effect_update_depth_exceeded`.
	 */
	setSize(rows: number, cols: number): void {
		this.#rows = rows;
		this.#cols = cols;
		const { row, col } = untrack(() => this.#active);
		const next = { row: Math.max(0, Math.min(row, rows - 1)), col: Math.max(0, Math.min(col, cols - 1)) };
		if (next.row !== row || next.col !== col) this.#active = next;
	}

	/** [T12] Moves to a cell (clamped); `extend` grows the selection from its anchor instead. */
	moveTo(row: number, col: number, extend = false): void {
		const next = {
			row: Math.max(0, Math.min(row, this.#rows - 1)),
			col: Math.max(0, Math.min(col, this.#cols - 1))
		};
		if (extend) this.#anchor ??= this.#active;
		else this.#anchor = null;
		this.#active = next;
	}

	moveBy(dRow: number, dCol: number, extend = false): void {
		this.moveTo(this.#active.row + dRow, this.#active.col + dCol, extend);
	}

	/** [T12] Tab: the next cell sideways, wrapping to the next (or previous) row. */
	tab(back: boolean): void {
		let { row, col } = this.#active;
		col += back ? -1 : 1;
		if (col >= this.#cols) {
			col = 0;
			row = Math.min(row + 1, this.#rows - 1);
		} else if (col < 0) {
			col = this.#cols - 1;
			row = Math.max(row - 1, 0);
		}
		this.moveTo(row, col);
	}

	selectAll(): void {
		this.#anchor = { row: 0, col: 0 };
		this.#active = { row: this.#rows - 1, col: this.#cols - 1 };
	}

	startEdit(draft: string): void {
		this.#editing = { pos: { ...this.#active }, draft };
	}

	setDraft(draft: string): void {
		if (this.#editing) this.#editing = { ...this.#editing, draft };
	}

	endEdit(): void {
		this.#editing = null;
	}

	togglePick(id: string): void {
		const next = new Set(this.#picked);
		if (next.has(id)) next.delete(id);
		else next.add(id);
		this.#picked = next;
	}

	setPicked(ids: Iterable<string>): void {
		this.#picked = new Set(ids);
	}
}
