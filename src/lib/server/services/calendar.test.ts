import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine } from './calendar';
import { attachmentDisposition } from './tasks-export';

describe('[H11] iCalendar feed text', () => {
	const ics = buildIcs(
		[
			{ uid: 'm-1@qp', date: '2026-03-31', summary: '第一小学：完成课堂诊断, 形成报告; 上报', description: 'a\nb' },
			{ uid: 'bad@qp', date: 'soon', summary: 'dropped' }
		],
		{ name: '我的日程', now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }
	);
	it('uses CRLF line endings, UTC DTSTAMP and all-day dates', () => {
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
		expect(ics).toContain('DTSTAMP:20260102T030405Z\r\n');
		expect(ics).toContain('DTSTART;VALUE=DATE:20260331\r\n');
		expect(ics).toContain('DTEND;VALUE=DATE:20260401\r\n');
		expect(ics).not.toContain('dropped');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
	});
	it('escapes text and folds lines at 75 octets without splitting characters', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
		const long = 'SUMMARY:' + '学校'.repeat(40);
		const folded = foldLine(long);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(1);
		for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
		expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(long);
		for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	});
	it('a milestone id with line breaks cannot add events to the feed', () => {
		const forged = buildIcs(
			[{ uid: 'milestone-s1-x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:fake@qp', date: '2026-03-31', summary: 'real' }],
			{ name: 'n', now: new Date(0) }
		);
		const lines = forged.split('\r\n');
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
		expect(lines.some((l) => l.startsWith('SUMMARY:fake'))).toBe(false);
	});
});

describe('[WD5] a break of several days', () => {
	it('ends the day after its last day, free', () => {
		const ics = buildIcs([{ uid: 'h@qp', date: '2026-02-15', end: '2026-02-23', summary: '春节' }], { name: 'n', now: new Date(0) });
		expect(ics).toContain('DTSTART;VALUE=DATE:20260215\r\nDTEND;VALUE=DATE:20260224\r\n');
		expect(ics).toContain('SUMMARY:春节\r\nTRANSP:TRANSPARENT\r\n');
	});
	it('an end that is no day, or before the start, makes a one-day event', () => {
		const ics = buildIcs([{ uid: 'h@qp', date: '2026-02-15', end: '2026-02-01', summary: 'x' }], { name: 'n', now: new Date(0) });
		expect(ics).toContain('DTEND;VALUE=DATE:20260216\r\n');
	});
});

describe('[H7] export file name', () => {
	it('encodes a Chinese title per RFC 5987 with an ASCII fallback', () => {
		const d = attachmentDisposition('质量方案 (2026).xlsx');
		expect(d).toBe(
			`attachment; filename="____ (2026).xlsx"; filename*=UTF-8''%E8%B4%A8%E9%87%8F%E6%96%B9%E6%A1%88%20%282026%29.xlsx`
		);
		expect(decodeURIComponent(d.split("UTF-8''")[1])).toBe('质量方案 (2026).xlsx');
	});
});
