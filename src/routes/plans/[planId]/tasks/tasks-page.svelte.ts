/**
 * The task page's state and actions apart from its markup: the view in the query string and its
 * changes, the edits the grid and the cards report (through the plan's rules, one undo step
 * each), the bulk edit of picked rows, deletion, and the notice that tells what happened. The
 * decisions themselves are pure (`task-page.ts`); this class applies them to the live plan. In an
 * approved plan a due past its approved limit, or the deletion of an approved task, becomes the
 * draft of a change request instead of a write ([AP1]); a paste or a deletion of several writes
 * what it may and holds the rest for one dialog ([AP5]). Clearing an approved due is never
 * written: the dialog explains and offers a request for a later day ([AP7]).
 */
import { tick } from 'svelte';
import { goto } from '$app/navigation';
import * as m from '$lib/paraglide/messages';
import type { IsoDate, Phase, Task } from '$lib/shared/plan/types';
import type { EditError, TaskPatch } from '$lib/shared/plan/rules';
import { isFiltered, type SortField, type TaskView } from '$lib/shared/plan/task-view';
import type { PlanLive } from '$lib/collab/plan-live.svelte';
import { editErrorText } from '$lib/components/labels';
import type { GridState } from '$lib/table/grid-state.svelte';
import { parseCell, type CellContext, type EditableField, type GridColumn } from '$lib/table/edit';
import type { PastePlan } from '$lib/table/clipboard';
import { columnLabel } from '$lib/table/labels';
import { TASK_FIELD } from '$lib/shared/sync/kinds/plan';
import {
	baselineChange,
	bulkPatch,
	clearPatches,
	EMPTY_BULK,
	newTaskDefaults,
	nextSort,
	NO_FILTERS,
	pastePatches,
	toggleFolded,
	viewHref,
	type BulkFields
} from './task-page';
import { clearDraft, clearsDue, dueDraft, gateClears, gatePatches, gateRemovals, type LimitOf, type RequestDraft } from '$lib/plan-year/change-gate';

/** What the page reads afresh on every action. */
export interface TasksPageInputs {
	live: PlanLive;
	grid: GridState;
	view: TaskView;
	pathname: string;
	tasks: readonly Task[];
	phases: readonly Phase[];
	ctx: CellContext;
	today: IsoDate;
	/** Puts the grid's cursor on a new task's cell. */
	focusTask: (id: string, field: GridColumn) => void;
	/** The approved limit of each task ([AP1]); none before approval. */
	limitOf?: LimitOf;
}

const noLimits: LimitOf = () => undefined;

export interface PageMessage {
	kind: 'error' | 'info';
	text: string;
	details?: string[];
}

export class TasksPage {
	readonly #in: () => TasksPageInputs;
	#message = $state<PageMessage | null>(null);
	#offer = $state<{ taskId: string; patch: TaskPatch } | null>(null);
	#drafts = $state.raw<readonly RequestDraft[]>([]);
	/** The bulk form's fields, bound by the page. */
	bulk = $state<BulkFields>({ ...EMPTY_BULK });

	constructor(inputs: () => TasksPageInputs) {
		this.#in = inputs;
	}

	get message(): PageMessage | null {
		return this.#message;
	}

	/** 100% set without 已完成: the offer to mark the task done. */
	get offer(): { taskId: string; patch: TaskPatch } | null {
		return this.#offer;
	}

	/** The change requests an edit, a paste or a deletion turned into, for the dialog ([AP1], [AP5]). */
	get drafts(): readonly RequestDraft[] {
		return this.#drafts;
	}

	closeDrafts(): void {
		this.#drafts = [];
	}

	setView(next: Partial<TaskView>): void {
		const { pathname, view } = this.#in();
		goto(viewHref(pathname, { ...view, ...next }), { replaceState: true, keepFocus: true, noScroll: true });
	}

	sortBy(field: SortField): void {
		this.setView({ sort: nextSort(this.#in().view.sort, field) });
	}

	toggleGroup(key: string): void {
		this.setView({ folded: toggleFolded(this.#in().view.folded, key) });
	}

	compareWith(baseline: string | null): void {
		this.setView(baselineChange(this.#in().view, baseline));
	}

	#showError(error: EditError, field?: string) {
		this.#message = { kind: 'error', text: field ? `${columnLabel(field as EditableField)}：${editErrorText(error)}` : editErrorText(error) };
	}

	/** One cell through the shared rules; done brings 100% in the same undo step, 100% offers done. */
	editCell(id: string, field: EditableField, raw: string): EditError | null {
		const { live, ctx, tasks, limitOf = noLimits } = this.#in();
		const value = parseCell(field, raw, ctx);
		const task = field === TASK_FIELD.due ? tasks.find((t) => t.id === id) : undefined;
		const draft = task ? (clearsDue(raw) ? clearDraft(limitOf, task) : dueDraft(limitOf, task, { due: value })) : null;
		if (draft) {
			// The server would snap a later or cleared due back ([CR3]): ask instead, write nothing.
			this.#drafts = [draft];
			return null;
		}
		const check = live.updateTask(id, { [field]: value } as TaskPatch);
		if (!check.ok) {
			this.#showError(check.error, check.field);
			return check.error;
		}
		this.#message = null;
		if (check.offer?.progress === 100) {
			live.updateTask(id, check.offer);
			this.#offer = null;
		} else this.#offer = check.offer ? { taskId: id, patch: check.offer } : null;
		return null;
	}

	#defaults(): TaskPatch {
		const { tasks, phases, view, today, ctx } = this.#in();
		return newTaskDefaults(tasks, phases, view, today, m.tasks_new_title(), ctx.days);
	}

	#reportBatch(errors: { row: number; field: string; error: EditError }[], done: string) {
		const held = this.#drafts.length ? ` ${m.grid_changes_held({ count: String(this.#drafts.length) })}` : '';
		if (!errors.length) {
			this.#message = { kind: 'info', text: done + held };
			return;
		}
		this.#message = {
			kind: 'error',
			text: m.grid_paste_skipped({ count: String(errors.length) }) + held,
			details: errors.slice(0, 20).map((e) => `${m.grid_row({ n: String(e.row + 1) })} · ${columnLabel(e.field as EditableField)}：${editErrorText(e.error)}`)
		};
	}

	/** [AP5] Writes a paste at once, but for the approved dues it would move later: those go to one dialog. */
	paste(plan: PastePlan<EditableField>): void {
		const { live, ctx, view, tasks, limitOf = noLimits } = this.#in();
		const pasted = pastePatches(plan, ctx);
		const { edits, drafts } = gatePatches(limitOf, tasks, pasted.edits);
		const extra = pasted.extra;
		this.#drafts = drafts;
		const { errors, created } = live.step(() => live.applyTaskBatch(edits, extra, this.#defaults()));
		if (created.length && isFiltered(view)) this.setView(NO_FILTERS);
		this.#reportBatch(errors, m.grid_pasted({ cells: String(plan.edits.length + plan.extra.length), added: String(created.length) }));
	}

	/** Delete over a block: every cell cleared in one undo step, but for the approved dues ([AP7]): those go to one dialog. */
	clear(cells: { id: string; field: EditableField }[]): void {
		const { live, tasks, limitOf = noLimits } = this.#in();
		const gated = gateClears(limitOf, tasks, cells);
		this.#drafts = gated.drafts;
		const { errors } = gated.cells.length ? live.step(() => live.applyTaskBatch(clearPatches(gated.cells))) : { errors: [] };
		if (errors.length) this.#reportBatch(errors, '');
		else this.#message = gated.drafts.length ? { kind: 'info', text: m.grid_due_clear_held({ count: String(gated.drafts.length) }) } : null;
	}

	async addTask(afterId?: string): Promise<void> {
		const { live, view, focusTask } = this.#in();
		const id = live.step(() => live.addTask(this.#defaults(), afterId));
		if (isFiltered(view) || view.sort) this.setView({ ...NO_FILTERS, sort: null });
		await tick();
		focusTask(id, TASK_FIELD.title);
	}

	/** Deletes the picked rows, or the active one; more than one asks first. */
	removeSelected(activeId: string | null): void {
		const { live, grid, tasks, limitOf = noLimits } = this.#in();
		const picked = grid.picked.size ? [...grid.picked] : activeId ? [activeId] : [];
		if (!picked.length) return;
		if (picked.length > 1 && !confirm(m.grid_delete_confirm({ count: String(picked.length) }))) return;
		// [AP5] Approved tasks stay until a removal is approved: one dialog asks for all of them.
		const { ids, drafts } = gateRemovals(limitOf, tasks, picked);
		if (ids.length) live.step(() => live.removeTasks(ids));
		grid.setPicked([]);
		this.#drafts = drafts;
		this.#message = ids.length ? { kind: 'info', text: m.grid_deleted({ count: String(ids.length) }) } : null;
	}

	applyBulk(): void {
		const { live, grid } = this.#in();
		const patch = bulkPatch(this.bulk);
		if (!patch) return;
		const { errors } = live.step(() => live.applyTaskBatch([...grid.picked].map((id) => ({ id, patch }))));
		this.#reportBatch(errors, m.grid_bulk_done({ count: String(grid.picked.size) }));
		this.bulk = { ...EMPTY_BULK };
	}

	acceptOffer(): void {
		if (this.#offer) this.#in().live.updateTask(this.#offer.taskId, this.#offer.patch);
		this.#offer = null;
	}

	dismissOffer(): void {
		this.#offer = null;
	}
}
