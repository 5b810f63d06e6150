/**
 * The task grid's keyboard, pointer, edit, copy and paste machine, without a DOM. `TaskGrid.svelte`
 * turns DOM events into these method calls and does what the answer says (prevent the browser's
 * default, move DOM focus to the active cell, open the editor); everything else — which cell the
 * cursor goes to, which edit is written, what a paste or a clear covers, where a dragged row
 * drops — is decided here and tested with plain calls ([T12], [T13], [T17]).
 */
import { attentionState, type AttentionState } from '../shared/plan/attention';
import type { IsoDate, Task } from '../shared/plan/types';
import type { EditError } from '../shared/plan/rules';
import { TASK_FIELD } from '../shared/sync/kinds/plan';
import type { TaskView, ViewRow } from '../shared/plan/task-view';
import { parseTsv, planPaste, toTsv, type PastePlan } from './clipboard';
import { cellText, isEditable, type CellContext, type EditableField, type GridColumn } from './edit';
import type { GridState } from './grid-state.svelte';

/** What the grid is drawing now, and where it reports edits; read afresh on every call. */
export interface GridInputs {
	rows: readonly ViewRow[];
	columns: readonly GridColumn[];
	ctx: CellContext;
	today: IsoDate;
	editable: boolean;
	/** Rows may be moved (plan order shown, no grouping). */
	reorderable: boolean;
	/** The PageUp/PageDown step in rows. */
	page: number;
	/** The text a copied attention cell gives for a state. */
	attentionLabel: (s: AttentionState) => string;
	onedit?: (id: string, field: EditableField, raw: string) => EditError | null;
	onpaste?: (plan: PastePlan<EditableField>) => void;
	onclear?: (cells: { id: string; field: EditableField }[]) => void;
	onundo?: () => void;
	onredo?: () => void;
	onediting?: (cell: { id: string; field: string } | null) => void;
	ontogglegroup?: (key: string) => void;
	onmove?: (id: string, beforeId: string | null) => void;
	oninsert?: (afterId: string) => void;
	onappend?: () => void;
}

/** A key as the grid reads it: the DOM event's key and modifiers (Ctrl or Cmd is `mod`). */
export interface KeyInput {
	key: string;
	shift?: boolean;
	mod?: boolean;
	alt?: boolean;
	/** 229 while an input method takes the key. */
	keyCode?: number;
}

/** What the component does after a key or a pointer press. */
export interface Outcome {
	/** Call `preventDefault`. */
	prevent?: boolean;
	/** Call `stopPropagation` (the grid's own undo, not the page's). */
	stop?: boolean;
	/** Scroll the active cell into view and focus it. */
	focus?: boolean;
	/** Open the editor on the active cell: with `initial` as the draft, or the cell's text selected. */
	edit?: { initial?: string };
}

const NOTHING: Outcome = {};

/** `aria-sort` of a column header for the view's sort. */
export const sortState = (sort: TaskView['sort'], f: GridColumn): 'ascending' | 'descending' | 'none' =>
	sort?.field === f ? (sort.desc ? 'descending' : 'ascending') : 'none';

export class GridMachine {
	readonly #gridOf: () => GridState;
	readonly #in: () => GridInputs;
	#dragId = $state<string | null>(null);
	#dropBefore = $state<string | null>(null);

	/** `grid` is the cursor (the page may hold it, for the rows picked); both are read on each call. */
	constructor(grid: () => GridState, inputs: () => GridInputs) {
		this.#gridOf = grid;
		this.#in = inputs;
	}

	get #grid(): GridState {
		return this.#gridOf();
	}

	/** Rows including, for writers, one empty row after the last (a paste or Enter there adds tasks). */
	get total(): number {
		const i = this.#in();
		return i.rows.length + (i.editable ? 1 : 0);
	}

	/** Row ids in view order, `null` for group headers. */
	get rowIds(): (string | null)[] {
		return this.#in().rows.map((r) => (r.kind === 'task' ? r.task.id : null));
	}

	/** The task being dragged, and the row it would drop before (`''`: after the last). */
	get dragId(): string | null {
		return this.#dragId;
	}

	get dropBefore(): string | null {
		return this.#dropBefore;
	}

	/** Suggestions for the dependencies editor: only while one is open. */
	get depOptions(): string[] {
		const { columns, ctx } = this.#in();
		const e = this.#grid.editing;
		return e && columns[e.pos.col] === TASK_FIELD.deps ? ctx.tasks.slice(0, 300).map((t) => `${ctx.numbers.get(t.id)} ${t.title}`) : [];
	}

	/** Called whenever the row or column count may have changed: clamps the cursor. */
	syncSize(): void {
		this.#grid.setSize(this.total, this.#in().columns.length);
	}

	rowTask(i: number): Task | null {
		const r = this.#in().rows[i];
		return r?.kind === 'task' ? r.task : null;
	}

	/** The task under the cursor, if the cursor is on one. */
	get activeTaskId(): string | null {
		return this.rowTask(this.#grid.active.row)?.id ?? null;
	}

	/** Puts the cursor on a task's cell (a new row); false when the task is not shown. */
	cursorToTask(id: string, field: GridColumn): boolean {
		const { rows, columns } = this.#in();
		const row = rows.findIndex((r) => r.kind === 'task' && r.task.id === id);
		if (row < 0) return false;
		this.#grid.moveTo(row, columns.indexOf(field));
		return true;
	}

	/** Whether typing on the active cell starts editing it. */
	typingEdits(): boolean {
		const { rows, columns, editable } = this.#in();
		const { row, col } = this.#grid.active;
		return editable && !this.#grid.editing && rows[row]?.kind === 'task' && isEditable(columns[col]);
	}

	/** Typing starts an edit with what was typed; a list field opens its choices instead. */
	#typing(text: string): Outcome['edit'] {
		const field = this.#in().columns[this.#grid.active.col];
		return field === TASK_FIELD.phase || field === TASK_FIELD.status ? {} : { initial: text };
	}

	/** Text reaching a cell itself (an input method's composition, a phone keyboard). */
	textStart(text: string): Outcome['edit'] | null {
		return this.typingEdits() ? this.#typing(text) : null;
	}

	/**
	 * Opens the editor on the active cell (the component draws and focuses it); false when the
	 * cell cannot be edited. `initial` replaces the cell's text, as typing does in a spreadsheet.
	 */
	startEdit(initial?: string): boolean {
		const { columns, ctx, editable, onediting } = this.#in();
		const task = this.rowTask(this.#grid.active.row);
		const field = columns[this.#grid.active.col];
		if (!editable || !task || !isEditable(field)) return false;
		this.#grid.startEdit(initial ?? cellText(task, field, ctx));
		onediting?.({ id: task.id, field });
		return true;
	}

	/** Ends the edit, writing the draft unless cancelled or unchanged; true when the value was accepted. */
	finishEdit(commit: boolean): boolean {
		const { columns, ctx, onedit, onediting } = this.#in();
		const e = this.#grid.editing;
		if (!e) return true;
		const task = this.rowTask(e.pos.row);
		const field = columns[e.pos.col];
		this.#grid.endEdit();
		onediting?.(null);
		if (!commit || !task || !isEditable(field)) return true;
		if (e.draft === cellText(task, field, ctx)) return true;
		return (onedit?.(task.id, field, e.draft) ?? null) === null;
	}

	/** A key in the open editor: Enter commits and moves down (Shift: up), Tab sideways, Esc cancels. */
	editorKey(k: KeyInput): Outcome {
		if (k.key === 'Enter') {
			this.finishEdit(true);
			this.#grid.moveBy(k.shift ? -1 : 1, 0);
		} else if (k.key === 'Tab') {
			this.finishEdit(true);
			this.#grid.tab(!!k.shift);
		} else if (k.key === 'Escape') this.finishEdit(false);
		else return NOTHING;
		return { prevent: true, focus: true };
	}

	/** The editable cells of the selected block, for Delete. */
	rangeCells(): { id: string; field: EditableField }[] {
		const { columns } = this.#in();
		const range = this.#grid.range;
		const out: { id: string; field: EditableField }[] = [];
		for (let r = range.top; r <= range.bottom; r++) {
			const t = this.rowTask(r);
			if (!t) continue;
			for (let c = range.left; c <= range.right; c++) {
				const f = columns[c];
				if (isEditable(f)) out.push({ id: t.id, field: f });
			}
		}
		return out;
	}

	#move(row: number, col: number, extend = false): Outcome {
		this.#grid.moveTo(row, col, extend);
		return { prevent: true, focus: true };
	}

	/** [T12] A key on a cell (not in the editor): moves, selections, edits, undo, row moves. */
	key(k: KeyInput): Outcome {
		const g = this.#grid;
		if (g.editing) return NOTHING;
		const i = this.#in();
		const { key, shift = false, mod = false, alt = false } = k;
		const { row: r, col: c } = g.active;
		const row = i.rows[r];
		const lower = key.toLowerCase();
		const lastRow = this.total - 1;
		const lastCol = i.columns.length - 1;
		if (mod && !alt && (lower === 'z' || lower === 'y')) {
			if (lower === 'y' || shift) i.onredo?.();
			else i.onundo?.();
			return { prevent: true, stop: true };
		}
		if (mod && lower === 'a') {
			g.selectAll();
			return { prevent: true };
		}
		if (alt && (key === 'ArrowUp' || key === 'ArrowDown') && i.reorderable && i.editable) return this.#moveRow(key === 'ArrowUp');
		switch (key) {
			case 'ArrowUp':
				return this.#move(mod ? 0 : r - 1, c, shift);
			case 'ArrowDown':
				return this.#move(mod ? lastRow : r + 1, c, shift);
			case 'ArrowLeft':
				return this.#move(r, c - 1, shift);
			case 'ArrowRight':
				return this.#move(r, c + 1, shift);
			case 'Home':
				return this.#move(mod ? 0 : r, 0, shift);
			case 'End':
				return this.#move(mod ? lastRow : r, lastCol, shift);
			case 'PageDown':
				return this.#move(r + i.page, c, shift);
			case 'PageUp':
				return this.#move(r - i.page, c, shift);
			case 'Tab':
				// At either end Tab leaves the grid, as the browser does.
				if ((shift && r === 0 && c === 0) || (!shift && r === lastRow && c === lastCol)) return NOTHING;
				g.tab(shift);
				return { prevent: true, focus: true };
			case 'Enter':
			case 'F2':
				if (row?.kind === 'group') i.ontogglegroup?.(row.key);
				else if (!row && i.editable) i.onappend?.();
				else if (mod && key === 'Enter' && i.editable && row) i.oninsert?.(row.task.id);
				else return { prevent: true, edit: {} };
				return { prevent: true };
			case ' ':
				// Space never scrolls the grid from under the cursor.
				if (row?.kind === 'group') {
					i.ontogglegroup?.(row.key);
					return { prevent: true };
				}
				if (shift && row) {
					g.togglePick(row.task.id);
					return { prevent: true };
				}
				return !mod && !alt && this.typingEdits() ? { prevent: true, edit: this.#typing(key) } : { prevent: true };
			case 'Delete':
			case 'Backspace':
				if (!i.editable) return NOTHING;
				i.onclear?.(this.rangeCells());
				return { prevent: true };
			case 'Escape':
				g.moveTo(r, c);
				return NOTHING;
		}
		// A printable character starts editing with it, replacing the cell (as in a spreadsheet).
		if (key.length === 1 && !mod && !alt && i.editable) {
			return this.typingEdits() ? { prevent: true, edit: this.#typing(key) } : NOTHING;
		}
		// An input method (pinyin, wubi, a phone keyboard) is taking the key: the editor opens
		// empty now, and its composition lands in the editor, not on the cell.
		if ((key === 'Process' || k.keyCode === 229) && this.typingEdits()) return { edit: this.#typing('') };
		return NOTHING;
	}

	/** Alt+Up/Down: the active task moves one place in plan order, and the cursor with it. */
	#moveRow(up: boolean): Outcome {
		const t = this.rowTask(this.#grid.active.row);
		if (!t) return { prevent: true };
		const ids = this.rowIds.filter((x): x is string => x !== null);
		const at = ids.indexOf(t.id);
		if (up && at === 0) return { prevent: true };
		this.#in().onmove?.(t.id, (up ? ids[at - 1] : ids[at + 2]) ?? null);
		return this.#move(this.#grid.active.row + (up ? -1 : 1), this.#grid.active.col);
	}

	/** Focus reaching a cell another way (a screen reader, a script, a click) moves the cursor there. */
	focusCell(row: number, col: number): void {
		const g = this.#grid;
		if (g.editing) return;
		if (row !== g.active.row || col !== g.active.col) g.moveTo(row, col);
	}

	/** A press on a cell: ends an edit elsewhere, then moves there (Shift: extends the selection). */
	pointerDown(row: number, col: number, shift: boolean): Outcome {
		const e = this.#grid.editing;
		if (e && (e.pos.row !== row || e.pos.col !== col)) this.finishEdit(true);
		if (this.#grid.editing) return NOTHING;
		this.#grid.moveTo(row, col, shift);
		return { focus: true };
	}

	/** Dragging over cells with the button down selects the block. */
	pointerEnter(row: number, col: number, buttons: number): void {
		if (buttons === 1 && !this.#grid.editing && !this.#dragId) this.#grid.moveTo(row, col, true);
	}

	/** [T2] The selected block as clipboard text; null while editing (the editor copies its own text). */
	copyText(): string | null {
		if (this.#grid.editing) return null;
		const { columns, ctx, today, attentionLabel } = this.#in();
		const range = this.#grid.range;
		const lines: string[][] = [];
		for (let r = range.top; r <= range.bottom; r++) {
			const t = this.rowTask(r);
			if (!t) continue;
			const cells: string[] = [];
			for (let c = range.left; c <= range.right; c++) cells.push(cellText(t, columns[c], ctx, attentionLabel(attentionState(t, today, ctx.days))));
			lines.push(cells);
		}
		return toTsv(lines);
	}

	/**
	 * [T13] Clipboard text pasted on the grid lands from the selected block's top-left cell; false
	 * when the grid does not take it (editing, read-only), so the browser's paste goes on.
	 */
	paste(text: string): boolean {
		const { columns, editable, onpaste } = this.#in();
		if (this.#grid.editing || !editable) return false;
		const block = parseTsv(text);
		const range = this.#grid.range;
		if (block.length) onpaste?.(planPaste(block, { row: range.top, col: range.left }, this.rowIds, columns, isEditable));
		return true;
	}

	dragStart(id: string): void {
		this.#dragId = id;
	}

	/** A dragged row over task `id`, in its lower half when `after`; true when it may drop here. */
	dragOver(id: string, after: boolean): boolean {
		if (!this.#dragId) return false;
		const ids = this.rowIds.filter((x): x is string => x !== null);
		this.#dropBefore = after ? (ids[ids.indexOf(id) + 1] ?? '') : id;
		return true;
	}

	drop(): void {
		const before = this.#dropBefore;
		if (this.#dragId && before !== null && before !== this.#dragId) this.#in().onmove?.(this.#dragId, before || null);
		this.dragEnd();
	}

	dragEnd(): void {
		this.#dragId = null;
		this.#dropBefore = null;
	}
}

