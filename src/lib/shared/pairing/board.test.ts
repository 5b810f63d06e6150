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

	it('[B3] problems in one ordered pass equal checking each pairing against every earlier one', () => {
		let seed = 7;
		const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
		const schools: BoardSchool[] = [
			...Array.from({ length: 4 }, (_, i) => ({ id: `s${i}`, tier: 'strong' as const })),
			...Array.from({ length: 6 }, (_, i) => ({ id: `w${i}`, tier: 'weak' as const })),
			{ id: 'n0', tier: 'none' as const }
		];
		const ids = schools.map((s) => s.id);
		const pairings: Pairing[] = Array.from({ length: 60 }, (_, i) => ({
			id: `p${rand(40)}x${i}`,
			strong: ids[rand(ids.length)],
			weak: ids[rand(ids.length)],
			modes: [],
			start: `2026-0${1 + rand(3)}-01`,
			end: rand(5) ? '2026-12-31' : '2026-01-15',
			target: 1,
			...(rand(3) === 0 ? { ended: `2026-0${1 + rand(6)}-10` } : {})
		}));
		const today = '2026-04-01';
		const naive = new Map<string, unknown>();
		for (const p of pairings) {
			const earlier = pairings.filter((o) => o.start < p.start || (o.start === p.start && o.id < p.id));
			const c = checkPairing(p, schools, earlier, today);
			if (!c.ok) naive.set(p.id, c.errors);
		}
		const fast = pairingProblems(pairings, schools, today);
		expect(new Map([...fast].sort())).toEqual(new Map([...naive].sort()));
		expect([...fast.values()].some((e) => e.weak === 'weak_taken')).toBe(true);
	});
});
