import { describe, expect, it } from 'vitest';
import { originAllowed, roomFromPath } from './upgrade';

describe('upgrade helpers', () => {
	it('[Y1] takes the room from /sync/<room>, decoded, ignoring the query string', () => {
		expect(roomFromPath('/sync/plan:abc')).toBe('plan:abc');
		expect(roomFromPath('/sync/plan%3Aabc?x=1')).toBe('plan:abc');
		expect(roomFromPath('/other/plan:abc')).toBeNull();
		expect(roomFromPath('/sync/%E0%A4%A')).toBeNull();
	});

	it('[Y2] allows a missing Origin, the configured ORIGIN, or else the request host only', () => {
		expect(originAllowed(undefined, 'a.test', undefined)).toBe(true);
		expect(originAllowed('http://a.test:3000', 'a.test:3000', undefined)).toBe(true);
		expect(originAllowed('http://evil.test', 'a.test:3000', undefined)).toBe(false);
		expect(originAllowed('https://plan.example.cn', 'internal:3000', 'https://plan.example.cn')).toBe(true);
		expect(originAllowed('http://internal:3000', 'internal:3000', 'https://plan.example.cn')).toBe(false);
		expect(originAllowed('null', 'a.test', undefined)).toBe(false);
	});
});
