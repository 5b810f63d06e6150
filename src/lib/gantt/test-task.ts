/** A task for the Gantt's unit tests: five days in launch, not started, overridable. */
import type { Task } from '../shared/plan/types';

export const task = (id: string, over: Partial<Task> = {}): Task => ({
	id,
	title: id,
	workstream: 'W1',
	phase: 'launch',
	unit: 'U1',
	lead: '',
	start: '2026-01-05',
	due: '2026-01-09',
	status: 'todo',
	progress: 0,
	deps: [],
	order: id,
	...over
});
