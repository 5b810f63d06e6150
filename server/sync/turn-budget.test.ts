import { describe, expect, it } from 'vitest';
import { TurnBudget } from './turn-budget';

describe('turn budget', () => {
	it('[Y37] runs work while the turn has budget and the rest in later turns, in order', async () => {
		let t = 0;
		const budget = new TurnBudget(4, () => t);
		// Counts turns: an immediate that queues the next runs once per turn of the loop.
		let turn = 0;
		let ticking = true;
		const tick = () => {
			turn++;
			if (ticking) setImmediate(tick);
		};
		setImmediate(tick);
		const ran: { i: number; turn: number }[] = [];
		for (let i = 0; i < 7; i++) {
			budget.run(() => {
				ran.push({ i, turn });
				t += 2; // each join costs 2 ms
			});
		}
		expect(ran.map((r) => r.i)).toEqual([0, 1]);
		while (ran.length < 7) await new Promise((r) => setImmediate(r));
		ticking = false;
		expect(ran.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		const perTurn = new Map<number, number>();
		for (const r of ran) perTurn.set(r.turn, (perTurn.get(r.turn) ?? 0) + 1);
		expect(Math.max(...perTurn.values())).toBe(2);
		expect(perTurn.size).toBe(4);
	});

	it('[Y37] a lone join runs at once', () => {
		const budget = new TurnBudget(4, () => 0);
		let ran = false;
		budget.run(() => (ran = true));
		expect(ran).toBe(true);
	});
});
