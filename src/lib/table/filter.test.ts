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
import { checkDates, checkProgress, isRealDate, keyAfter } from './edit';

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
	it('accepts only real calendar days and keeps due on or after start', () => {
		expect(isRealDate('2026-02-28')).toBe(true);
		expect(isRealDate('2026-02-30')).toBe(false);
		expect(checkDates('due', '2026-02-01', { start: '2026-03-01', due: '2026-03-31' })).toEqual({
			ok: false,
			error: 'due_before_start'
		});
		expect(checkDates('start', '2026-03-05', { start: '2026-03-01', due: '2026-03-31' }).ok).toBe(true);
	});

	it('accepts progress as a whole number from 0 to 100', () => {
		expect(checkProgress('100')).toEqual({ ok: true, value: 100 });
		expect(checkProgress('101').ok).toBe(false);
		expect(checkProgress('-1').ok).toBe(false);
		expect(checkProgress('4.5').ok).toBe(false);
	});

	it('makes order keys that sort after the last one', () => {
		for (const last of ['', 'a0', 'a9', 'aZ', 'az', 't30', 'weird key']) {
			const k = keyAfter(last);
			expect(k > last).toBe(true);
		}
	});
});
