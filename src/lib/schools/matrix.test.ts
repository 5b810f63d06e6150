import { describe, expect, it } from 'vitest';
import type { Milestone } from '../shared/plan/types';
import { dayCounter, type DayCounter } from '../shared/calendar/day-counter';
import { PUBLISHED_HOLIDAYS } from '../shared/calendar/holidays-cn';
import { buildMatrix } from './matrix';

const ms = (id: string, over: Partial<Milestone> = {}): Milestone => ({
	id,
	title: `里程碑${id}`,
	phase: 'pilot',
	due: '2026-05-31',
	status: 'doing',
	progress: 50,
	note: '',
	...over
});
const schools = [
	{ id: 's1', name: '第一小学', type: 'urban_quality' as const },
	{ id: 's2', name: '乡村中心校', type: 'rural_center' as const }
];
const data: Record<string, Milestone[]> = {
	s1: [ms('m1', { due: '2026-04-30', status: 'done', progress: 100 }), ms('tpl-x', { due: '2026-06-20' })],
	s2: [ms('m1', { title: '不同的名称', due: '2026-04-30' }), ms('tpl-x', { due: '2026-06-20', status: 'done', progress: 100 })]
};

describe('[M2] schools × milestones matrix', () => {
	it('lines up shared steps, takes each cell’s [A1] state and counts rows and columns', () => {
		const { columns, rows } = buildMatrix(schools, (id) => data[id], '2026-05-10');
		expect(columns.map((c) => [c.key, c.done, c.total])).toEqual([
			['pilot|2026-04-30', 1, 2],
			['tpl-x', 1, 2]
		]);
		const s2 = rows.find((r) => r.school.id === 's2')!;
		expect(s2.cells.get('pilot|2026-04-30')!.state).toBe('overdue');
		expect([s2.done, s2.total, s2.atRisk]).toEqual([1, 2, 1]);
	});

	it('filters by school type and phase and sorts by risk', () => {
		expect(buildMatrix(schools, (id) => data[id], '2026-05-10', { type: 'rural_center' }).rows.map((r) => r.school.id)).toEqual(['s2']);
		expect(buildMatrix(schools, (id) => data[id], '2026-05-10', { phase: 'launch' }).columns).toEqual([]);
		expect(buildMatrix(schools, (id) => data[id], '2026-05-10', { sort: 'risk' }).rows[0].school.id).toBe('s2');
	});

	it('[WD12] counts in the plan\'s days: a step due after the Spring Festival is due soon in working days only', () => {
		// Fri 13 Feb to Thu 26 Feb: 13 calendar days, but only 4 working days (Sat 14 调休, 24–26 Feb).
		const soon = { s1: [ms('m9', { due: '2026-02-26' })] } as Record<string, Milestone[]>;
		const stateIn = (days?: DayCounter) => buildMatrix(schools.slice(0, 1), (id) => soon[id] ?? [], '2026-02-13', {}, days).rows[0].cells.get('pilot|2026-02-26')!.state;
		expect(stateIn()).toBe('on_track');
		expect(stateIn(dayCounter('working', PUBLISHED_HOLIDAYS[2026].days))).toBe('due_soon');
	});
});
