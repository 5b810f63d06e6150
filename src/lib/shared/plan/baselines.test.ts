import { describe, expect, it } from 'vitest';
import { encodeBaselineDates, parseBaselineDates, slipDays } from './baselines';

describe('baselines', () => {
	it('[L1] encodes each task’s dates compactly, leaving out invalid ones; [L2] reads them back', () => {
		const json = encodeBaselineDates([
			{ id: 't1', start: '2026-01-05', due: '2026-01-16' },
			{ id: 't2', start: '', due: '2026-01-16' }
		]);
		expect(json).toBe('{"t1":["2026-01-05","2026-01-16"]}');
		expect(parseBaselineDates(json)).toEqual({ dates: new Map([['t1', { start: '2026-01-05', due: '2026-01-16' }]]), invalid: 0 });
	});
	it('[L2] drops and counts bad entries; malformed JSON or a non-string reads as empty, never throws', () => {
		const r = parseBaselineDates('{"ok":["2026-01-01","2026-01-02"],"bad id":["2026-01-01","2026-01-02"],"x":["2026-02-30","2026-03-01"],"y":["2026-03-02","2026-03-01"],"z":5}');
		expect([...r.dates.keys()]).toEqual(['ok']);
		expect(r.invalid).toBe(4);
		expect(parseBaselineDates('{not json').dates.size).toBe(0);
		expect(parseBaselineDates(42).invalid).toBe(1);
		expect(parseBaselineDates('[1,2]').dates.size).toBe(0);
	});
	it('[L3] slip is the days the due date moved since the baseline; null for a task not in it', () => {
		const dates = parseBaselineDates('{"t1":["2026-01-05","2026-01-16"]}').dates;
		expect(slipDays({ id: 't1', due: '2026-01-19' }, dates)).toBe(3);
		expect(slipDays({ id: 't1', due: '2026-01-14' }, dates)).toBe(-2);
		expect(slipDays({ id: 'new', due: '2026-01-14' }, dates)).toBeNull();
	});
});
