import { describe, expect, it } from 'vitest';
import { pairingHealth, semesterOf, visitTotals, type HealthVisit } from './health';
import { visitDateProblem, mayEditVisit, mayBeConfirmed } from './visits';

const pairing = { id: 'p1', start: '2026-03-01', end: '2026-12-31', target: 3 };
const v = (date: string, status: HealthVisit['status'] = 'confirmed', kind = 'joint_research' as const) => ({
	pairingId: 'p1',
	date,
	status,
	kind
});

describe('pairing health', () => {
	it('[B5] semesters: spring Feb–Jul, autumn Aug–Jan of the next year', () => {
		expect(semesterOf('2026-02-01')).toMatchObject({ key: '2026-spring', start: '2026-02-01', end: '2026-07-31' });
		expect(semesterOf('2026-07-31').key).toBe('2026-spring');
		expect(semesterOf('2026-08-01')).toMatchObject({ key: '2026-autumn', start: '2026-08-01', end: '2027-01-31' });
		expect(semesterOf('2027-01-31').key).toBe('2026-autumn');
		expect(semesterOf('2028-02-29').key).toBe('2028-spring');
	});

	it('[B5] the plan calendar\'s semesters decide; in the holidays the one just ended; the month rule without one', () => {
		const known = [
			{ name: '秋季学期', start: '2025-09-01', end: '2026-01-20' },
			{ name: '春季学期', start: '2026-03-02', end: '2026-07-10' },
			{ name: '秋季学期', start: '2026-09-01', end: '2027-01-22' }
		];
		expect(semesterOf('2026-03-02', known)).toMatchObject({ key: '2026-spring', start: '2026-03-02', end: '2026-07-10' });
		// The winter and summer holidays belong to the semester just ended.
		expect(semesterOf('2026-02-20', known)).toMatchObject({ key: '2025-autumn', start: '2025-09-01', end: '2026-01-20' });
		expect(semesterOf('2026-08-15', known)).toMatchObject({ key: '2026-spring', end: '2026-07-10' });
		expect(semesterOf('2027-01-22', known)).toMatchObject({ key: '2026-autumn', start: '2026-09-01' });
		// Before every known semester, or with none, the month rule holds.
		expect(semesterOf('2025-08-20', known)).toMatchObject({ key: '2025-autumn', start: '2025-08-01', end: '2026-01-31' });
		expect(semesterOf('2026-02-20', [])).toMatchObject({ key: '2026-spring', start: '2026-02-01' });
		// A visit in the spring's first days of February counts by the month rule only.
		const visits = [v('2026-02-10'), v('2026-03-05')];
		expect(pairingHealth(pairing, visits, '2026-03-20', 4).confirmedThisSemester).toBe(2);
		expect(pairingHealth(pairing, visits, '2026-03-20', 4, known).confirmedThisSemester).toBe(1);
	});

	it('[B5] only confirmed visits of this semester count toward the target; planned and logged never do', () => {
		const h = pairingHealth(
			pairing,
			[v('2026-07-20'), v('2026-09-10'), v('2026-10-01', 'logged'), v('2026-12-20', 'planned'), v('2026-11-01'), { ...v('2026-11-02'), pairingId: 'p2' }],
			'2026-12-01',
			5
		);
		expect(h).toMatchObject({ confirmedThisSemester: 2, target: 3, lastConfirmedVisit: '2026-11-01', silent: false });
	});

	it('[B6] a running pairing is silent N weeks after its last confirmed visit (or its start)', () => {
		const visits = [v('2026-10-01'), v('2026-11-20', 'logged')];
		expect(pairingHealth(pairing, visits, '2026-10-28', 4).silent).toBe(false);
		expect(pairingHealth(pairing, visits, '2026-10-29', 4)).toMatchObject({ silent: true, silentFrom: '2026-10-29' });
		expect(pairingHealth(pairing, visits, '2026-10-29', 8).silent).toBe(false);
		expect(pairingHealth(pairing, [], '2026-03-28', 4).silent).toBe(false);
		expect(pairingHealth(pairing, [], '2026-03-29', 4).silent).toBe(true);
		// Ended, not started yet, or over: never silent.
		expect(pairingHealth({ ...pairing, ended: '2026-06-30' }, [], '2026-10-29', 4).silent).toBe(false);
		expect(pairingHealth({ ...pairing, start: '2027-01-01', end: '2027-12-31' }, [], '2026-10-29', 4).silent).toBe(false);
		expect(pairingHealth({ ...pairing, end: '2026-06-30' }, [], '2026-10-29', 4).silent).toBe(false);
	});

	it('[B7] totals by kind and by month count visits that took place', () => {
		const t = visitTotals([
			v('2026-09-01'),
			v('2026-09-15', 'logged', 'lesson_observation' as never),
			v('2026-10-01', 'planned'),
			{ ...v('2026-10-02'), pairingId: 'p2' }
		]);
		expect(t.total).toBe(3);
		expect(Object.fromEntries(t.byKind)).toEqual({ joint_research: 2, lesson_observation: 1 });
		expect(Object.fromEntries([...t.byMonth].map(([m, k]) => [m, Object.fromEntries(k)]))).toEqual({
			'2026-09': { joint_research: 1, lesson_observation: 1 },
			'2026-10': { joint_research: 1 }
		});
		expect(visitTotals([v('2026-09-01'), { ...v('2026-10-02'), pairingId: 'p2' }], { pairingId: 'p1' }).total).toBe(1);
	});
});

describe('visit rules', () => {
	const today = '2026-12-01';
	it('[V1] a visit that took place is not dated after today; a planned one may be', () => {
		expect(visitDateProblem('2026-12-02', 'logged', pairing, today)).toBe('future');
		expect(visitDateProblem('2026-12-02', 'planned', pairing, today)).toBeNull();
		expect(visitDateProblem('2026-12-01', 'logged', pairing, today)).toBeNull();
	});

	it('[V2] a visit lies inside its pairing’s dates (to the day it ended, when ended early)', () => {
		expect(visitDateProblem('2026-02-28', 'logged', pairing, today)).toBe('before_pairing');
		expect(visitDateProblem('2027-01-05', 'planned', pairing, today)).toBe('after_pairing');
		expect(visitDateProblem('2026-10-01', 'logged', { ...pairing, ended: '2026-09-30' }, today)).toBe('after_pairing');
	});

	it('[V4][V5] the author edits until confirmed, leaders always; only logged visits are confirmed', () => {
		const mine = { createdBy: 'u1', status: 'logged' as const };
		expect(mayEditVisit({ userId: 'u1', manages: false }, mine)).toBe(true);
		expect(mayEditVisit({ userId: 'u2', manages: false }, mine)).toBe(false);
		expect(mayEditVisit({ userId: 'u1', manages: false }, { ...mine, status: 'confirmed' })).toBe(false);
		expect(mayEditVisit({ userId: 'u2', manages: true }, { ...mine, status: 'confirmed' })).toBe(true);
		expect(mayBeConfirmed({ status: 'planned' })).toBe(false);
		expect(mayBeConfirmed({ status: 'logged' })).toBe(true);
	});
});
