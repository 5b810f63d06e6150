import { describe, expect, it } from 'vitest';
import { briefingFigures, draftBriefing, parseBriefingText, type BriefingInput } from './briefing';

const input: BriefingInput = {
	from: '2026-11-01',
	to: '2026-11-30',
	tasks: [
		{ id: 'a', title: '甲', unit: '教研中心', start: '2026-10-01', due: '2026-11-20', status: 'done', progress: 100 },
		{ id: 'b', title: '乙', unit: '教研中心', start: '2026-10-01', due: '2026-11-10', status: 'doing', progress: 50 },
		{ id: 'c', title: '丙', unit: '基教科', start: '2026-11-01', due: '2026-12-31', status: 'doing', progress: 0 },
		{ id: 'd', title: '丁', unit: '基教科', start: '2026-11-01', due: '2026-12-31', status: 'blocked', progress: 10 },
		{ id: 'e', title: '戊', unit: '计财科', start: '2026-09-01', due: '2026-10-15', status: 'done', progress: 100 }
	],
	milestones: [
		{ schoolId: 's1', id: 'm1', title: '课例', due: '2026-11-05', status: 'doing', progress: 30 },
		{ schoolId: 's2', id: 'm2', title: '总结', due: '2026-11-25', status: 'done', progress: 100, doneOn: '2026-11-24' }
	],
	schools: [
		{ id: 's1', name: '一校' },
		{ id: 's2', name: '二校' }
	],
	indicators: [{ id: 'i1', group: 'g1', name: '达标率', unit: '%', op: '>=', target: 98, scope: 'district' }],
	measurements: [
		{ indicatorId: 'i1', value: 95, date: '2026-10-01', schoolId: null },
		{ indicatorId: 'i1', value: 97.5, date: '2026-11-15', schoolId: null },
		{ indicatorId: 'i1', value: 99, date: '2026-12-05', schoolId: null }
	],
	visits: [
		{ date: '2026-11-03', kind: 'teacher_exchange', status: 'confirmed' },
		{ date: '2026-11-20', kind: 'teacher_exchange', status: 'logged' },
		{ date: '2026-11-28', kind: 'cadre_rotation', status: 'planned' },
		{ date: '2026-10-20', kind: 'cadre_rotation', status: 'confirmed' }
	],
	pairings: { active: 5, silent: 1 },
	reports: { expected: 20, submitted: 14, nil: 3 },
	notices: [
		{ createdAt: '2026-11-02', closedAt: '2026-11-20', status: 'closed' },
		{ createdAt: '2026-11-25', closedAt: null, status: 'open' },
		{ createdAt: '2026-10-01', closedAt: null, status: 'answered' }
	]
};

describe('briefing figures', () => {
	const f = briefingFigures(input);

	it('[BR1] counts what was done in the period and what is behind, by unit and by school, as of its last day', () => {
		expect(f.tasks).toEqual({ total: 5, done: 2, doneInPeriod: [{ title: '甲', unit: '教研中心' }], overdue: 1, behind: 1 });
		expect(f.milestonesDoneInPeriod).toBe(1);
		expect(f.behindByUnit).toEqual([
			{ name: '基教科', overdue: 0, behind: 1, blocked: 1 },
			{ name: '教研中心', overdue: 1, behind: 0, blocked: 0 }
		]);
		expect(f.behindBySchool).toEqual([{ name: '一校', overdue: 1, behind: 0, blocked: 0 }]);
	});

	it('[BR1] visits in the period (planned ones not counted), reporting rate and notices', () => {
		expect(f.visits).toEqual({ total: 2, confirmed: 1, byKind: { teacher_exchange: 2 } });
		expect(f.reports).toEqual({ expected: 20, submitted: 14, nil: 3, missing: 3 });
		expect(f.notices).toEqual({ issued: 2, closed: 1, open: 2 });
	});

	it('[BR2] an indicator moves from its value before the period to its value on the last day', () => {
		expect(f.indicators).toEqual([{ id: 'i1', name: '达标率', unit: '%', op: '>=', target: 98, from: 95, to: 97.5, met: false }]);
	});

	it('[BR3] the draft text has one paragraph per section; edited text is checked section by section', () => {
		const words = { summary: () => 's', done: () => 'd', behind: () => 'b', indicators: () => 'i', pairings: () => 'p', next: () => 'n' };
		expect(draftBriefing(f, words)).toEqual({ summary: 's', done: 'd', behind: 'b', indicators: 'i', pairings: 'p', next: 'n' });
		expect(parseBriefingText({ summary: 'x' })).toMatchObject({ summary: 'x', done: '' });
		expect(parseBriefingText({ other: 'x' })).toBeNull();
		expect(parseBriefingText({ summary: 1 })).toBeNull();
		expect(parseBriefingText({ summary: 'x'.repeat(5000) })).toBeNull();
		expect(parseBriefingText([])).toBeNull();
	});

	it('[BR4] counts the change requests filed and decided in the period, and those pending', () => {
		const f = briefingFigures({
			...input,
			changes: [
				{ requestedAt: input.from, decidedAt: input.to, status: 'approved' },
				{ requestedAt: input.to, decidedAt: input.to, status: 'refused' },
				{ requestedAt: input.to, decidedAt: null, status: 'pending' },
				{ requestedAt: '2000-01-01', decidedAt: '2000-01-02', status: 'approved' }
			]
		});
		expect(f.changes).toEqual({ requested: 3, approved: 1, refused: 1, pending: 1 });
	});
});
