import { describe, expect, it } from 'vitest';
import { roomAccess } from './access';
import { parseRoom } from './kinds/index';

const plan = parseRoom('plan:p1')!;
const ownSchool = parseRoom('school:p1:s1')!;
const otherSchool = parseRoom('school:p1:s2')!;

describe('roomAccess', () => {
	it('[R1] admin and leader write every room of their plan', () => {
		for (const role of ['admin', 'leader'] as const) {
			for (const room of [plan, ownSchool, otherSchool]) {
				expect(roomAccess({ role, schoolId: null }, room)).toBe('write');
			}
		}
	});
	it('[R2] a coordinator writes only their own school and reads the rest', () => {
		const c = { role: 'coordinator' as const, schoolId: 's1' };
		expect(roomAccess(c, ownSchool)).toBe('write');
		expect(roomAccess(c, otherSchool)).toBe('read');
		expect(roomAccess(c, plan)).toBe('read');
	});
	it('[R3] partners and viewers read everything, write nothing', () => {
		for (const role of ['partner', 'viewer'] as const) {
			for (const room of [plan, ownSchool, otherSchool]) {
				expect(roomAccess({ role, schoolId: 's1' }, room)).toBe('read');
			}
		}
	});
	it('[R4] a non-member has no access', () => {
		expect(roomAccess(null, plan)).toBe('none');
	});
});

describe('parseRoom', () => {
	it('accepts exactly the two room shapes', () => {
		expect(parseRoom('plan:abc')).toEqual({ kind: 'plan', planId: 'abc' });
		expect(parseRoom('school:a:b')).toEqual({ kind: 'school', planId: 'a', schoolId: 'b' });
		for (const bad of ['', 'plan', 'plan:', 'plan:a:b', 'school:a', 'x:a', 'plan:a b', 'plan:../x']) {
			expect(parseRoom(bad)).toBeNull();
		}
	});
});
