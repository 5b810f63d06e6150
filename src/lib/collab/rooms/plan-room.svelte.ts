/**
 * The plan room (`plan:<planId>`): tasks, phases, goal groups, indicators, milestone templates and
 * baselines as runes, and the plan's edits as intent-named methods that apply the shared edit
 * rules ([E1]–[E5]) before writing, each as one undo step.
 */
import { baselinesCollection, goalsCollection, indicatorsCollection, phasesCollection, tasksCollection, templatesCollection } from '../../shared/plan/doc';
import { checkTaskEdit, removeTaskFromDoc, wouldCycle, type EditCheck, type TaskPatch } from '../../shared/plan/rules';
import { newTaskId } from '../../shared/plan/task-id';
import type { GoalGroup, Indicator, MilestoneTemplate, Phase, PhaseKey, Task } from '../../shared/plan/types';
import type { Collection } from '../../shared/sync/schema';
import { encodeBaselineDates, type BaselineRecord } from '../../shared/plan/baselines';
import type { Room } from '../../shared/sync/room';
import { LiveRoom } from '../live-room.svelte';
import { checkDroppingBad, safeKeyBetween, safeKeysAfter, type TaskBatchError, type TaskBatchResult } from './task-writes';

export type { TaskBatchError, TaskBatchResult };

export type PlanRoomName = Extract<Room, { kind: 'plan' }>;

export class PlanRoom extends LiveRoom<PlanRoomName> {
	readonly #tasks = this.records(tasksCollection);
	readonly #phases = this.records(phasesCollection as unknown as Collection<Phase & { id: string }>);
	readonly #goals = this.records(goalsCollection);
	readonly #indicators = this.records(indicatorsCollection);
	readonly #templates = this.records(templatesCollection);
	readonly #baselines = this.records(baselinesCollection);

	/** Every task in table order. */
	get tasks(): Task[] {
		return this.#tasks.list;
	}

	/** Task id → fields whose stored value is invalid. */
	get invalidTasks(): Map<string, string[]> {
		return this.#tasks.invalid;
	}

	get phases(): Phase[] {
		return this.#phases.list.map(({ id, ...p }) => ({ ...p, key: id as PhaseKey }));
	}

	get goals(): GoalGroup[] {
		return this.#goals.list;
	}

	get indicators(): Indicator[] {
		return this.#indicators.list;
	}

	/** The milestones the leading group asks of pilot schools ([M1]). */
	get templates(): MilestoneTemplate[] {
		return this.#templates.list;
	}

	/** Adds a milestone template; returns its id, or the fields in error. */
	addTemplate(fields: Omit<MilestoneTemplate, 'id' | 'order'>) {
		const id = `mt-${newTaskId().slice(2)}`;
		const order = this.#templates.list.length;
		const res = this.transact((doc) => templatesCollection.create(doc, { ...fields, id, order }));
		return res.ok ? { ok: true as const, id } : res;
	}

	updateTemplate(id: string, patch: Partial<Omit<MilestoneTemplate, 'id'>>) {
		return this.transact((doc) => templatesCollection.update(doc, id, patch));
	}

	removeTemplate(id: string): void {
		this.transact((doc) => templatesCollection.remove(doc, id));
	}

	/** Saved baselines, oldest first ([L1]). */
	get baselines(): BaselineRecord[] {
		return this.#baselines.list;
	}

	// ─── Editing the plan ───────────────────────────────────────────────────────────────────────

	/**
	 * Checks an edit against the shared rules ([E1]–[E4]) and applies it as one undo step.
	 * Returns the check, so the caller can show the error or the offered pairing ("done ⇔ 100%").
	 */
	updateTask(id: string, patch: TaskPatch): EditCheck {
		const task = this.#tasks.list.find((t) => t.id === id);
		if (!task) return { ok: false, field: 'id', error: 'unknown_task' };
		const check = checkTaskEdit(task, patch, this.#editContext());
		if (check.ok && Object.keys(check.patch).length) {
			this.transact((doc) => tasksCollection.update(doc, id, check.patch));
		}
		return check;
	}

	/** Appends a task (after `afterId`, or at the end); fields not given get neutral defaults. */
	addTask(fields: Partial<Omit<Task, 'id' | 'order'>>, afterId?: string): string {
		const id = newTaskId();
		const order = this.#orderAfter(afterId ?? this.#tasks.list.at(-1)?.id ?? null);
		this.transact((doc) =>
			tasksCollection.create(doc, {
				workstream: '',
				phase: 'launch',
				unit: '',
				lead: '',
				status: 'todo',
				progress: 0,
				deps: [],
				title: '',
				...fields,
				id,
				order
			})
		);
		return id;
	}

	/**
	 * Many cells at once (a paste, a bulk edit, the rows a paste adds below the last): each row is
	 * checked with the edit rules ([E1]–[E4]); a field that breaks one is dropped and reported while
	 * the row's other fields land, and everything valid is written in one transaction, so the whole
	 * batch is one undo step. New rows start from `defaults` and are appended in order.
	 */
	applyTaskBatch(edits: { id: string; patch: TaskPatch }[], newRows: TaskPatch[] = [], defaults: TaskPatch = {}): TaskBatchResult {
		const errors: TaskBatchError[] = [];
		const ctx = this.#editContext();
		const byId = new Map(this.#tasks.list.map((t) => [t.id, t]));
		const writes: { id: string; patch: TaskPatch }[] = [];
		edits.forEach(({ id, patch }, row) => {
			const task = byId.get(id);
			if (!task) return errors.push({ row, id, field: 'id', error: 'unknown_task' });
			const clean = checkDroppingBad(task, patch, ctx, (field, error) => errors.push({ row, id, field, error }));
			if (Object.keys(clean).length) writes.push({ id, patch: clean });
		});
		const created: string[] = [];
		const last = this.#tasks.list.at(-1)?.order ?? null;
		const orders = newRows.length ? safeKeysAfter(last, newRows.length) : [];
		const creates = newRows.map((fields, i) => {
			const id = newTaskId();
			const blank: Task = { id, title: '', workstream: '', phase: 'launch', unit: '', lead: '', start: '', due: '', status: 'todo', progress: 0, deps: [], order: orders[i] };
			const base = { ...blank, ...checkDroppingBad(blank, defaults, ctx, () => {}) };
			const clean = checkDroppingBad(base, fields, ctx, (field, error) => errors.push({ row: edits.length + i, id: null, field, error }));
			created.push(id);
			return { ...base, ...clean, id, order: orders[i] };
		});
		if (writes.length || creates.length) {
			this.transact((doc) => {
				for (const w of writes) tasksCollection.update(doc, w.id, w.patch);
				for (const c of creates) tasksCollection.create(doc, c);
			});
		}
		return { errors, created, written: writes.length };
	}

	/** Moves a task to just before `beforeId` (or to the end when `null`) by its fractional order. */
	moveTask(id: string, beforeId: string | null): void {
		const list = this.#tasks.list.filter((t) => t.id !== id);
		const at = beforeId === null ? list.length : list.findIndex((t) => t.id === beforeId);
		if (at < 0) return;
		const order = safeKeyBetween(list[at - 1]?.order ?? null, list[at]?.order ?? null);
		this.transact((doc) => tasksCollection.update(doc, id, { order }));
	}

	/** [E5] Deletes tasks, dropping them from the others' dependencies, as one undo step. */
	removeTasks(ids: string[]): void {
		this.transact((doc) => {
			for (const id of ids) removeTaskFromDoc(doc, id);
		});
	}

	removeTask(id: string): void {
		this.removeTasks([id]);
	}

	/** [E3] Makes `successor` depend on `predecessor` (finish-to-start); a cycle is refused. */
	linkTasks(predecessor: string, successor: string): EditCheck {
		const task = this.#tasks.list.find((t) => t.id === successor);
		if (!task) return { ok: false, field: 'id', error: 'unknown_task' };
		if (task.deps.includes(predecessor)) return { ok: true, patch: {}, offer: null };
		return this.updateTask(successor, { deps: [...task.deps, predecessor] });
	}

	unlinkTasks(predecessor: string, successor: string): EditCheck {
		const task = this.#tasks.list.find((t) => t.id === successor);
		if (!task) return { ok: false, field: 'id', error: 'unknown_task' };
		return this.updateTask(successor, { deps: task.deps.filter((d) => d !== predecessor) });
	}

	/** Whether linking would close a cycle, for drag feedback before the drop. */
	wouldCycle(predecessor: string, successor: string): boolean {
		const task = this.#tasks.list.find((t) => t.id === successor);
		return wouldCycle(this.#tasks.list, successor, [...(task?.deps ?? []), predecessor]);
	}

	/** [L1] Saves every task's planned dates now under `name`, as one undo step; returns its id. */
	saveBaseline(name: string): string | null {
		const id = 'b-' + newTaskId().slice(2);
		const r = this.transact((doc) =>
			baselinesCollection.create(doc, { id, name: name.trim(), savedAt: new Date().toISOString(), tasks: encodeBaselineDates(this.#tasks.list) })
		);
		return r.ok ? id : null;
	}

	#editContext() {
		return { plan: this.plan, phases: this.phases, tasks: this.#tasks.list };
	}

	#orderAfter(afterId: string | null): string {
		const list = this.#tasks.list;
		const i = afterId === null ? -1 : list.findIndex((t) => t.id === afterId);
		return safeKeyBetween(list[i]?.order ?? null, list[i + 1]?.order ?? null);
	}
}
