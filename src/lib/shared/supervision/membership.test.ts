import { describe, expect, it } from 'vitest';
import { addressedTo, belongsToReporter, isSteering, overseesPlan } from './membership';

const units = new Set(['教研中心']);
const coordinator = { role: 'coordinator' as const, schoolId: 's1' };
const viewer = { role: 'viewer' as const, schoolId: null };

describe('supervision membership', () => {
	it('[RC4] a unit is its members whatever their role; a school its liaisons', () => {
		expect(belongsToReporter(viewer, units, { kind: 'unit', id: 'u1', name: '教研中心' })).toBe(true);
		expect(belongsToReporter(viewer, new Set(), { kind: 'unit', id: 'u1', name: '教研中心' })).toBe(false);
		expect(belongsToReporter(coordinator, new Set(), { kind: 'school', id: 's1', name: '一校' })).toBe(true);
		expect(belongsToReporter(coordinator, new Set(), { kind: 'school', id: 's2', name: '二校' })).toBe(false);
		expect(belongsToReporter({ role: 'leader', schoolId: null }, new Set(), { kind: 'school', id: 's1', name: '一校' })).toBe(false);
	});

	it('[SN3] a task notice goes to its unit, a milestone notice to the school; the leading group acts for all', () => {
		expect(addressedTo(viewer, units, { target: 'task', unit: '教研中心', schoolId: null })).toBe(true);
		expect(addressedTo(viewer, new Set(['']), { target: 'task', unit: '', schoolId: null })).toBe(false);
		expect(addressedTo(coordinator, units, { target: 'milestone', unit: '一校', schoolId: 's1' })).toBe(true);
		expect(addressedTo(coordinator, units, { target: 'milestone', unit: '二校', schoolId: 's2' })).toBe(false);
		expect([isSteering({ role: 'leader', schoolId: null }), isSteering(viewer), overseesPlan(viewer), overseesPlan(coordinator)]).toEqual([true, false, true, false]);
	});
});
