import { describe, expect, it } from 'vitest';
import { boardLayout, checkPairing, pairingProblems, type BoardSchool } from './board';
import type { Pairing } from '../plan/types';

const schools: BoardSchool[] = [
	{ id: 'a', tier: 'strong' },
	{ id: 'b', tier: 'strong' },
	{ id: 'x', tier: 'weak' },
	{ id: 'y', tier: 'weak' },
	{ id: 'z', tier: 'weak' },
	{ id: 'n', tier: 'none' }
];
const today = '2026-12-01';
const p = (over: Partial<Pairing> = {}): Pairing => ({
	id: 'p1',
	strong: 'a',
	weak: 'x',
	modes: ['teacher_exchange'],
	start: '2026-03-01',
	end: '2026-12-31',
	target: 3,
	...over
});

describe('pairing board rules', () => {
	it('[B1] a pairing joins a strong and a weak school of the plan, two different schools', () => {
		expect(checkPairing(p(), schools, [], today)).toEqual({ ok: true });
		expect(checkPairing(p({ strong: 'x', weak: 'a' }), schools, [], today)).toEqual({
			ok: false,
			errors: { strong: 'not_strong', weak: 'not_weak' }
		});
		expect(checkPairing(p({ weak: 'a' }), schools, [], today)).toMatchObject({ errors: { weak: 'same_school' } });
		expect(checkPairing(p({ weak: 'n' }), schools, [], today)).toMatchObject({ errors: { weak: 'not_weak' } });
		expect(checkPairing(p({ strong: 'elsewhere' }), schools, [], today)).toMatchObject({ errors: { strong: 'not_strong' } });
	});

	it('[B2] start and end are real days, end not before start, ended not before start', () => {
		expect(checkPairing(p({ end: '2026-02-01' }), schools, [], today)).toMatchObject({ errors: { end: 'end_before_start' } });
		expect(checkPairing(p({ start: '2026-02-30' }), schools, [], today)).toMatchObject({ errors: { start: 'invalid_date' } });
		expect(checkPairing(p({ ended: '2026-01-01' }), schools, [], today)).toMatchObject({ errors: { ended: 'ended_before_start' } });
		expect(checkPairing(p({ start: '2026-03-01', end: '2026-03-01' }), schools, [], today)).toEqual({ ok: true });
	});

	it('[B3] a weak school has one running pairing; a strong school takes several; ended ones do not count', () => {
		const others = [p({ id: 'p0' })];
		expect(checkPairing(p(), schools, others, today)).toMatchObject({ errors: { weak: 'weak_taken' } });
		expect(checkPairing(p({ weak: 'y' }), schools, others, today)).toEqual({ ok: true });
		expect(checkPairing(p(), schools, [p({ id: 'p0', ended: '2026-06-30' })], today)).toEqual({ ok: true });
		const problems = pairingProblems([p({ id: 'p2', start: '2026-04-01' }), p({ id: 'p1' })], schools, today);
		expect([...problems.keys()]).toEqual(['p2']);
	});

	it('[B4] the board: strong cards with their running pairings, unpaired weak schools, ended and broken apart', () => {
		const layout = boardLayout(
			[p(), p({ id: 'p2', weak: 'y' }), p({ id: 'p3', weak: 'z', ended: '2026-09-30' }), p({ id: 'p4', strong: 'n', weak: 'z' })],
			schools,
			today
		);
		expect(layout.strong).toEqual([
			{ schoolId: 'a', pairings: [p(), p({ id: 'p2', weak: 'y' })] },
			{ schoolId: 'b', pairings: [] }
		]);
		expect(layout.unpaired).toEqual(['z']);
		expect(layout.ended.map((e) => e.id)).toEqual(['p3']);
		expect(layout.broken.map((e) => e.id)).toEqual(['p4']);
	});
});
