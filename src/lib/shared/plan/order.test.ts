import { describe, expect, it } from 'vitest';
import {
	BASE_62_DIGITS,
	OrderKeyError,
	generateKeyBetween,
	generateNKeysBetween,
	isValidOrderKey
} from './order';

/** A deterministic pseudo-random sequence (mulberry32), so a failure replays. */
function rng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('generateKeyBetween', () => {
	it('[O1] gives the keys of the reference algorithm', () => {
		const cases: [string | null, string | null, string][] = [
			[null, null, 'a0'],
			[null, 'a0', 'Zz'],
			[null, 'Zz', 'Zy'],
			['a0', null, 'a1'],
			['a1', null, 'a2'],
			['a0', 'a1', 'a0V'],
			['a1', 'a2', 'a1V'],
			['a0V', 'a1', 'a0l'],
			['Zz', 'a0', 'ZzV'],
			['Zz', 'a1', 'a0'],
			[null, 'Y00', 'Xzzz'],
			['bzz', null, 'c000'],
			['a0', 'a0V', 'a0G'],
			['a0', 'a0G', 'a08'],
			['b125', 'b129', 'b127'],
			['a0', 'a1V', 'a1'],
			['Zz', 'a01', 'a0'],
			[null, 'a0V', 'a0'],
			[null, 'b999', 'b99'],
			['zzzzzzzzzzzzzzzzzzzzzzzzzzy', null, 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'],
			['zzzzzzzzzzzzzzzzzzzzzzzzzzz', null, 'zzzzzzzzzzzzzzzzzzzzzzzzzzzV']
		];
		for (const [a, b, want] of cases) expect(generateKeyBetween(a, b), `${a} .. ${b}`).toBe(want);
	});

	it('[O1] refuses invalid keys and reversed neighbours with an OrderKeyError', () => {
		const bad: [string | null, string | null][] = [
			['a00', null],
			['a0', 'a0'],
			['a1', 'a0'],
			['0', null],
			['a', null],
			['a0 ', null],
			['A00000000000000000000000000', null]
		];
		for (const [a, b] of bad) {
			expect(() => generateKeyBetween(a, b), `${a} .. ${b}`).toThrow(OrderKeyError);
		}
		expect(isValidOrderKey('a0')).toBe(true);
		expect(isValidOrderKey('a0V')).toBe(true);
		expect(isValidOrderKey('a0V0')).toBe(false);
		expect(isValidOrderKey('')).toBe(false);
		expect(isValidOrderKey(42)).toBe(false);
		expect(isValidOrderKey('任务')).toBe(false);
	});

	it('[O1] keeps order through many inserts at the same spot, at both ends and at random', () => {
		// Always inserting right after the first key: the worst case for key length.
		let keys = ['a0', 'a1'];
		for (let i = 0; i < 500; i++) keys.splice(1, 0, generateKeyBetween(keys[0], keys[1]));
		expect([...keys].sort()).toEqual(keys);
		expect(new Set(keys).size).toBe(keys.length);
		expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(100);

		keys = [generateKeyBetween(null, null)];
		for (let i = 0; i < 300; i++) keys.unshift(generateKeyBetween(null, keys[0]));
		for (let i = 0; i < 300; i++) keys.push(generateKeyBetween(keys[keys.length - 1], null));
		expect([...keys].sort()).toEqual(keys);
		// Appends stay short: the integer part grows only logarithmically.
		expect(keys[keys.length - 1].length).toBeLessThanOrEqual(3);

		const next = rng(7);
		keys = ['a0'];
		for (let i = 0; i < 2000; i++) {
			const at = Math.floor(next() * (keys.length + 1));
			const key = generateKeyBetween(keys[at - 1] ?? null, keys[at] ?? null);
			keys.splice(at, 0, key);
		}
		expect([...keys].sort()).toEqual(keys);
		expect(new Set(keys).size).toBe(2001);
		expect(keys.every((k) => isValidOrderKey(k) && [...k].every((c) => BASE_62_DIGITS.includes(c)))).toBe(true);
	});
});

describe('generateNKeysBetween', () => {
	it('[O2] gives n ascending keys strictly between the neighbours', () => {
		for (const [a, b] of [
			[null, null],
			['a0', null],
			[null, 'a0'],
			['a0', 'a1'],
			['a0V', 'a0l']
		] as [string | null, string | null][]) {
			for (const n of [0, 1, 2, 5, 40]) {
				const keys = generateNKeysBetween(a, b, n);
				expect(keys).toHaveLength(n);
				expect([...keys].sort()).toEqual(keys);
				expect(new Set(keys).size).toBe(n);
				if (n && a !== null) expect(keys[0] > a).toBe(true);
				if (n && b !== null) expect(keys[n - 1] < b).toBe(true);
			}
		}
	});
	it('[O2] a bulk insert between two neighbours stays short (bisection, not a chain)', () => {
		const keys = generateNKeysBetween('a0', 'a1', 1000);
		expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(6);
	});
});
