import { describe, expect, it } from 'vitest';
import { rollUp } from '../../shared/supervision/rollup';
import { buildDemoWorkspace } from './data';
import { buildDemoMeasurements } from './measurements';

const LATE = '2026-12-07';

describe('demo measurement history', () => {
	it('[W6] is deterministic, dated before today, with unique ids and keys', () => {
		const ws = buildDemoWorkspace(LATE);
		const history = buildDemoMeasurements(ws);
		expect(buildDemoMeasurements(buildDemoWorkspace(LATE))).toEqual(history);
		expect(history.every((m) => m.date < LATE && m.date >= ws.plan.start)).toBe(true);
		expect(new Set(history.map((m) => m.id)).size).toBe(history.length);
		expect(new Set(history.map((m) => m.idempotencyKey)).size).toBe(history.length);
		expect(buildDemoMeasurements(buildDemoWorkspace('2026-01-01'))).toEqual([]);
	});

	it('[W6] measures every indicator several times; a school indicator for every pilot school, each entered by a demo account', () => {
		const ws = buildDemoWorkspace(LATE);
		const history = buildDemoMeasurements(ws);
		const pilots = ws.schools.filter((s) => s.pilot).map((s) => s.id).sort();
		const users = new Set(ws.users.map((u) => u.id));
		for (const ind of ws.indicators) {
			const own = history.filter((m) => m.indicatorId === ind.id);
			expect(new Set(own.map((m) => m.date)).size, ind.name).toBeGreaterThanOrEqual(2);
			if (ind.scope === 'district') expect(own.every((m) => m.schoolId === null)).toBe(true);
			else expect([...new Set(own.map((m) => m.schoolId))].sort()).toEqual(pilots);
			expect(own.every((m) => users.has(m.createdBy) && m.source !== '' && Number.isFinite(m.value))).toBe(true);
		}
		const coordinator = ws.users.find((u) => u.role === 'coordinator')!;
		expect(history.filter((m) => m.createdBy === coordinator.id).every((m) => m.schoolId === coordinator.schoolId)).toBe(true);
	});

	it('[W6] moves from the baseline toward the target: late in the year some are met, some are not', () => {
		const ws = buildDemoWorkspace(LATE);
		const history = buildDemoMeasurements(ws);
		const figures = ws.indicators.map((ind) => ({ ind, f: rollUp(ind, history.filter((m) => m.indicatorId === ind.id)) }));
		const met = figures.filter(({ f }) => f.met).length;
		expect(met).toBeGreaterThanOrEqual(3);
		expect(figures.length - met).toBeGreaterThanOrEqual(3);
		for (const { ind, f } of figures) {
			const first = rollUp(ind, history.filter((m) => m.indicatorId === ind.id).slice(0, ind.scope === 'school' ? 10 : 1));
			expect(f.gap!, ind.name).toBeLessThan(first.gap!);
			expect(f.value!).toBeLessThanOrEqual(100);
		}
	});
});
