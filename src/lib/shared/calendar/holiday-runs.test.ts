import { describe, expect, it } from 'vitest';
import { holidayRuns } from './holiday-runs';
import { PUBLISHED_HOLIDAYS } from './holidays-cn';

describe('holidayRuns', () => {
	it('[WD5] the 2026 breaks as published, weekends beside them included, 调休 days excluded', () => {
		expect(holidayRuns(PUBLISHED_HOLIDAYS[2026].days)).toEqual([
			{ name: '元旦', start: '2026-01-01', end: '2026-01-03' },
			{ name: '春节', start: '2026-02-15', end: '2026-02-23' },
			{ name: '清明节', start: '2026-04-04', end: '2026-04-06' },
			{ name: '劳动节', start: '2026-05-01', end: '2026-05-05' },
			{ name: '端午节', start: '2026-06-19', end: '2026-06-21' },
			{ name: '中秋节', start: '2026-09-25', end: '2026-09-27' },
			{ name: '国庆节', start: '2026-10-01', end: '2026-10-07' }
		]);
	});
	it('[WD5] no holidays, no runs; makeup days alone make none', () => {
		expect(holidayRuns([])).toEqual([]);
		expect(holidayRuns([{ date: '2026-02-14', kind: 'makeup', name: '春节' }])).toEqual([]);
	});
});
