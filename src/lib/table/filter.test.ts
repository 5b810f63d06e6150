import { describe, expect, it } from 'vitest';
import {
	filterTasks,
	filtersToParams,
	isBehind,
	isOverdue,
	parseFilters,
	NO_FILTERS
} from './filter';
import { makeTask } from './test-task';
import { parseCell } from './edit';

const task = makeTask;

describe('task table filters', () => {
	const tasks = [
		task({ id: 't01' }),
		task({ id: 't02', phase: 'pilot', workstream: '课堂改革', due: '2026-03-10' }),
		task({ id: 't03', phase: 'pilot', status: 'done', due: '2026-03-10', title: '听课评课' })
	];

	it('reads phase, workstream, filter and q from the query and ignores unknown values', () => {
		expect(parseFilters(new URLSearchParams('phase=pilot&filter=overdue&q=%20x%20'))).toEqual({
			phase: 'pilot',
			workstream: null,
			filter: 'overdue',
			q: 'x'
		});
		expect(parseFilters(new URLSearchParams('phase=nope&filter=weird'))).toEqual(NO_FILTERS);
	});

	it('round-trips filters through the query string, leaving out defaults', () => {
		const f = { ...NO_FILTERS, phase: 'pilot' as const, workstream: '课堂改革' };
		expect(parseFilters(filtersToParams(f))).toEqual(f);
		expect(filtersToParams(NO_FILTERS).toString()).toBe('');
	});

	it('overdue means not done and due before today', () => {
		expect(isOverdue(task({ due: '2026-03-10' }), '2026-03-11')).toBe(true);
		expect(isOverdue(task({ due: '2026-03-11' }), '2026-03-11')).toBe(false);
		expect(isOverdue(task({ due: '2026-03-10', status: 'done' }), '2026-03-11')).toBe(false);
	});

	it('uses the shared schedule rules for behind', () => {
		expect(isBehind(task({ progress: 10 }), '2026-03-20')).toBe(true);
		expect(isBehind(task({ progress: 60 }), '2026-03-20')).toBe(false);
	});

	it('combines phase, overdue and text filters', () => {
		const today = '2026-03-20';
		expect(filterTasks(tasks, { ...NO_FILTERS, phase: 'pilot' }, today).map((t) => t.id)).toEqual([
			't02',
			't03'
		]);
		expect(filterTasks(tasks, { ...NO_FILTERS, filter: 'overdue' }, today).map((t) => t.id)).toEqual([
			't02'
		]);
		expect(filterTasks(tasks, { ...NO_FILTERS, q: '听课' }, today).map((t) => t.id)).toEqual(['t03']);
	});
});

describe('cell edits', () => {
	it('reads a progress cell as a number, anything else as NaN for the rules to refuse', () => {
		expect(parseCell('progress', ' 40 ')).toBe(40);
		expect(parseCell('progress', '4.5')).toBe(4.5);
		expect(parseCell('progress', 'abc')).toBeNaN();
		expect(parseCell('title', ' 制定方案 ')).toBe(' 制定方案 ');
	});
});
