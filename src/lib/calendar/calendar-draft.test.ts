import { describe, expect, it } from 'vitest';
import { CalendarDraft } from './calendar-draft';

describe('CalendarDraft', () => {
	const base = { source: '通知', weekendsOnly: false, semesters: [{ name: '春季学期', start: '2026-03-02', end: '2026-07-10' }], days: [] };
	it('[WD4] adds, replaces and removes days in date order, and semesters by position', () => {
		const first = new CalendarDraft(base);
		let d = first.setDay('2026-03-05', 'holiday', '校庆').setDay('2026-03-03', 'holiday', 'a').setDay('2026-03-05', 'holiday', '校庆日');
		expect(d.days.map((x) => `${x.date}:${x.name}`)).toEqual(['2026-03-03:a', '2026-03-05:校庆日']);
		expect(first.days).toEqual([]);
		d = d.removeDay('2026-03-03').addSemester({ name: '秋季学期', start: '2026-09-01', end: '2027-01-22' }).removeSemester(0);
		expect(d.body()).toEqual({ source: '通知', semesters: [{ name: '秋季学期', start: '2026-09-01', end: '2027-01-22' }], days: [{ date: '2026-03-05', kind: 'holiday', name: '校庆日' }] });
	});
	it('[WD4] a weekends-only year sends no source of its own', () => {
		expect(new CalendarDraft({ ...base, weekendsOnly: true, source: '无该年度节假日数据' }).body().source).toBe('');
	});
});
