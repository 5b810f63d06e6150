import { describe, expect, it } from 'vitest';
import { nextBudget } from './render-budget.svelte';

describe('render budget', () => {
	it('[Z2] a long list grows by one step a frame, never past its count, never shrinking', () => {
		expect(nextBudget(60, 2000, 150)).toBe(210);
		expect(nextBudget(1950, 2000, 150)).toBe(2000);
		expect(nextBudget(300, 120, 150)).toBe(300);
	});
});
