import { describe, expect, it } from 'vitest';
import { dayCounter } from '../calendar/day-counter';
import { PUBLISHED_HOLIDAYS } from '../calendar/holidays-cn';
import { attentionState } from './attention';
import { expectedProgress, isBehind, summarize } from './schedule';
import { DEFAULT_VIEW, filterTasks } from './task-view';
import { makeTask } from '../../table/test-task';

const working = dayCounter('working', PUBLISHED_HOLIDAYS[2026].days);
// Mon 9 Feb – Fri 27 Feb 2026 across the Spring Festival: 18 calendar days, 9 working days on.
const festival = { start: '2026-02-09', due: '2026-02-27' };

describe('[WD9] schedule rules on a plan counting working days', () => {
	it('expected progress runs over working days and stands still through the holidays', () => {
		expect(expectedProgress(festival, '2026-02-14')).toBeCloseTo((100 * 5) / 18);
		expect(expectedProgress(festival, '2026-02-14', working)).toBeCloseTo((100 * 5) / 9);
		expect(expectedProgress(festival, '2026-02-22', working)).toBeCloseTo((100 * 5) / 9);
		expect(expectedProgress(festival, '2026-02-24', working)).toBeCloseTo((100 * 6) / 9);
		expect(expectedProgress(festival, '2026-02-08', working)).toBe(0);
		expect(expectedProgress(festival, '2026-02-27', working)).toBe(100);
	});

	it('behind and the summary use the same line', () => {
		const t = makeTask({ ...festival, progress: 40 });
		// On 22 Feb: 72% of the calendar days have passed but only 56% of the working days.
		expect(isBehind(t, '2026-02-22')).toBe(true);
		expect(isBehind(t, '2026-02-22', 20, working)).toBe(false);
		expect(summarize([t], [], '2026-02-22').behind).toBe(1);
		expect(summarize([t], [], '2026-02-22', working)).toMatchObject({ behind: 0, expected: 56 });
	});

	it('due soon means within 7 working days, today included', () => {
		const t = { due: '2026-02-26', status: 'doing' as const, progress: 90 };
		// From Thu 12 Feb: 13, 14 (调休), 24, 25, 26 Feb are working days; 26 Feb is the 5th after today.
		expect(attentionState(t, '2026-02-12')).toBe('on_track');
		expect(attentionState(t, '2026-02-12', working)).toBe('due_soon');
		expect(attentionState({ ...t, due: '2026-03-02' }, '2026-02-12', working)).toBe('on_track');
	});

	it('"due within N days" counts working days; calendar days stay the default', () => {
		const tasks = [makeTask({ id: 'a', due: '2026-02-24' }), makeTask({ id: 'b', due: '2026-03-03' })];
		const view = { ...DEFAULT_VIEW, dueWithin: 5 };
		expect(filterTasks(tasks, view, '2026-02-13').map((t) => t.id)).toEqual([]);
		// From Fri 13 Feb: 14 (调休), 24–27 Feb are the five; 3 Mar is the 8th (after 28 Feb, 调休, and 2 Mar).
		expect(filterTasks(tasks, view, '2026-02-13', working).map((t) => t.id)).toEqual(['a']);
		expect(filterTasks(tasks, { ...view, dueWithin: 8 }, '2026-02-13', working).map((t) => t.id)).toEqual(['a', 'b']);
	});
});
