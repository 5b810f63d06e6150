/**
 * The plan's tasks as reactive rows, read from the live Y.Doc, and the edits the table makes.
 * Every edit is one Y transaction on the task's own Y.Map, so concurrent edits of different fields
 * of one task merge instead of overwriting each other.
 */
import * as Y from 'yjs';
import { readTasks, tasksMap } from '../shared/plan/doc';
import type { Task } from '../shared/plan/types';
import { keyAfter, newTaskId } from './edit';

/** The task fields a cell edits; `deps` and `order` change through other tools. */
export type EditableField = Exclude<keyof Task, 'id' | 'deps' | 'order'>;

export class TaskRows {
	#doc: Y.Doc;
	#rows = $state.raw<Task[]>([]);
	#off: () => void;

	constructor(doc: Y.Doc, initial: Task[] = []) {
		this.#doc = doc;
		const map = tasksMap(doc);
		// Until the live document arrives, the server-rendered rows stand in for it.
		this.#rows = map.size ? readTasks(doc) : initial;
		const refresh = () => {
			this.#rows = readTasks(doc);
		};
		map.observeDeep(refresh);
		this.#off = () => map.unobserveDeep(refresh);
	}

	/** Every task in table order. */
	get rows(): Task[] {
		return this.#rows;
	}

	/** Re-reads the document, e.g. after the first sync replaced the server-rendered rows. */
	reload(): void {
		this.#rows = readTasks(this.#doc);
	}

	update<F extends EditableField>(id: string, field: F, value: Task[F]): void {
		const m = tasksMap(this.#doc).get(id);
		if (!(m instanceof Y.Map) || m.get(field) === value) return;
		this.#doc.transact(() => m.set(field, value));
	}

	/** Appends a task after the last one; fields not given get neutral defaults. */
	add(fields: Pick<Task, 'title' | 'start' | 'due'> & Partial<Task>): string {
		const id = newTaskId();
		// Ordered after the document's last task, whatever the rows on screen still show.
		const current = readTasks(this.#doc);
		const last = current[current.length - 1];
		const m = new Y.Map<unknown>();
		const task: Omit<Task, 'id' | 'deps'> = {
			workstream: '',
			phase: 'launch',
			unit: '',
			lead: '',
			status: 'todo',
			progress: 0,
			...fields,
			order: keyAfter(last?.order)
		};
		this.#doc.transact(() => {
			for (const [k, v] of Object.entries(task)) if (k !== 'id' && k !== 'deps') m.set(k, v);
			m.set('deps', new Y.Array<string>());
			tasksMap(this.#doc).set(id, m);
		});
		return id;
	}

	/** Deletes the task and drops it from every other task's dependencies. */
	remove(id: string): void {
		const map = tasksMap(this.#doc);
		this.#doc.transact(() => {
			map.delete(id);
			map.forEach((m) => {
				const deps = m instanceof Y.Map ? m.get('deps') : null;
				if (!(deps instanceof Y.Array)) return;
				for (let i = deps.length - 1; i >= 0; i--) if (deps.get(i) === id) deps.delete(i, 1);
			});
		});
	}

	destroy(): void {
		this.#off();
	}
}
