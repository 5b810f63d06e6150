/** A plain task for unit tests; override only the fields a test is about. */
import type { Task } from '../shared/plan/types';

export function makeTask(over: Partial<Task> = {}): Task {
	return {
		id: 't01',
		title: '制定方案',
		workstream: '组织保障',
		phase: 'launch',
		unit: '教育局',
		lead: '张三',
		start: '2026-03-01',
		due: '2026-03-31',
		status: 'doing',
		progress: 50,
		deps: [],
		order: 'a0',
		...over
	};
}
