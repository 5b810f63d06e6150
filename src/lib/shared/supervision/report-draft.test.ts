import { describe, expect, it } from 'vitest';
import { dayCounter } from '../calendar/day-counter';
import { PUBLISHED_HOLIDAYS } from '../calendar/holidays-cn';
import { draftReport, type DraftWords } from './report-draft';

const words: DraftWords = {
	progress: (t, p) => `${t} ${p}%`,
	done: (t) => `${t} 完成`,
	problem: (t, s) => `${t} ${s}`,
	next: (t, d) => `${t} → ${d}`
};
const cycle = { id: 'c-2026-12-07', start: '2026-12-07', end: '2026-12-13', due: '2026-12-11' };

describe('report draft', () => {
	it('[RC5] fills progress, problems and next steps from the reporter’s work in the cycle', () => {
		const d = draftReport(
			[
				{ title: 'A', start: '2026-11-01', due: '2026-12-20', status: 'doing', progress: 80 },
				{ title: 'B', start: '2026-11-01', due: '2026-12-10', status: 'done', progress: 100 },
				{ title: 'C', start: '2026-10-01', due: '2026-12-01', status: 'doing', progress: 40 },
				{ title: 'D', start: '2027-01-01', due: '2027-02-01', status: 'todo', progress: 0 },
				{ title: 'E', due: '2026-12-15', status: 'blocked', progress: 10 }
			],
			cycle,
			words
		);
		expect(d.progress).toBe('1. A 80%\n2. B 完成\n3. E 10%');
		expect(d.problems).toBe('1. C overdue\n2. E blocked');
		expect(d.nextSteps).toBe('1. A → 2026-12-20\n2. E → 2026-12-15');
	});

	it('[RC5] nothing moving leaves the draft empty (a nil report is the honest answer)', () => {
		expect(draftReport([{ title: 'D', start: '2027-01-01', due: '2027-02-01', status: 'todo', progress: 0 }], cycle, words)).toEqual({ progress: '', problems: '', nextSteps: '' });
	});

	it('[WD14] behind is judged in the plan\'s days: a task due after the Spring Festival is behind in working days only', () => {
		// Mon 2 Feb – Fri 27 Feb, on Fri 13 Feb: 11 of 25 calendar days gone (44%), 9 of 14 working days (64%).
		const items = [{ title: 'F', start: '2026-02-02', due: '2026-02-27', status: 'doing' as const, progress: 30 }];
		const week = { id: 'c-2026-02-09', start: '2026-02-09', end: '2026-02-13', due: '2026-02-13' };
		expect(draftReport(items, week, words).problems).toBe('');
		expect(draftReport(items, week, words, dayCounter('working', PUBLISHED_HOLIDAYS[2026].days)).problems).toBe('1. F behind');
	});
});
