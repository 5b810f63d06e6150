import { describe, expect, it } from 'vitest';
import { daysBetween, isIsoDate } from '../../shared/plan/dates';
import { isValidOrderKey } from '../../shared/plan/order';
import {
	dependencyViolations,
	expectedProgress,
	isBehind,
	isOverdue,
	isWithinPhase,
	summarize
} from '../../shared/plan/schedule';
import { PAIRING_MODES, PHASES, type Task } from '../../shared/plan/types';
import { buildDemoWorkspace } from './data';

const LATE = '2026-11-25';
const SPRING = '2026-05-10';
const DAYS = ['2026-01-01', '2026-02-15', SPRING, '2026-07-01', LATE, '2026-12-31', '2028-02-29'];

describe('demo plan and tasks', () => {
	it('[W1] runs through the year of today, with four phases of the right months', () => {
		const ws = buildDemoWorkspace(LATE);
		expect(ws.plan).toEqual({
			id: 'demo',
			title: '2026年小学教育教学质量提升实施方案',
			start: '2026-01-01',
			end: '2026-12-31'
		});
		expect(ws.phases).toEqual([
			{ key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' },
			{ key: 'pilot', name: '试点推进', start: '2026-04-01', end: '2026-06-30' },
			{ key: 'rollout', name: '全面实施', start: '2026-07-01', end: '2026-11-30' },
			{ key: 'evaluation', name: '总结评估', start: '2026-12-01', end: '2026-12-31' }
		]);
		expect(buildDemoWorkspace('2031-03-03').plan.title).toBe('2031年小学教育教学质量提升实施方案');
		expect(() => buildDemoWorkspace('2026-02-30')).toThrow(RangeError);
	});

	it('[W1] has at least 30 tasks in five workstreams, every one inside its phase', () => {
		for (const today of DAYS) {
			const ws = buildDemoWorkspace(today);
			expect(ws.tasks.length).toBeGreaterThanOrEqual(30);
			expect(new Set(ws.tasks.map((t) => t.workstream))).toEqual(new Set(ws.workstreams.map((w) => w.name)));
			expect(ws.workstreams).toHaveLength(5);
			for (const t of ws.tasks) {
				expect(isWithinPhase(t, ws.phases), `${t.id} ${t.start}..${t.due} in ${t.phase}`).toBe(true);
				expect(isIsoDate(t.start) && isIsoDate(t.due)).toBe(true);
				expect(t.title && t.unit && t.lead).toBeTruthy();
			}
			for (const phase of PHASES) expect(ws.tasks.some((t) => t.phase === phase)).toBe(true);
		}
	});

	it('[W1] has stable ids and order keys that sort the tasks as listed', () => {
		const ws = buildDemoWorkspace(LATE);
		expect(ws.tasks.map((t) => t.id)).toEqual(ws.tasks.map((_, i) => `t${String(i + 1).padStart(2, '0')}`));
		const orders = ws.tasks.map((t) => t.order);
		expect(orders.every(isValidOrderKey)).toBe(true);
		expect([...orders].sort()).toEqual(orders);
		expect(new Set(orders).size).toBe(orders.length);
		expect(buildDemoWorkspace(SPRING).tasks.map((t) => [t.id, t.title, t.order])).toEqual(
			ws.tasks.map((t) => [t.id, t.title, t.order])
		);
	});

	it('[W2] dependencies respect [S7], have no cycle and point at earlier-phase or same-phase work', () => {
		const ws = buildDemoWorkspace(LATE);
		expect(dependencyViolations(ws.tasks)).toEqual([]);
		expect(ws.tasks.filter((t) => t.deps.length).length).toBeGreaterThanOrEqual(15);
		const byId = new Map(ws.tasks.map((t) => [t.id, t]));
		for (const t of ws.tasks) {
			for (const d of t.deps) {
				expect(PHASES.indexOf(byId.get(d)!.phase)).toBeLessThanOrEqual(PHASES.indexOf(t.phase));
			}
		}
	});

	it('[W2] status follows the dates on any day, and no started task waits on an unfinished predecessor', () => {
		for (const today of DAYS) {
			const { tasks } = buildDemoWorkspace(today);
			const byId = new Map(tasks.map((t) => [t.id, t]));
			for (const t of tasks) {
				const where = `${today} ${t.id} ${t.status} ${t.progress}`;
				expect(t.progress, where).toBeGreaterThanOrEqual(0);
				expect(t.progress, where).toBeLessThanOrEqual(100);
				if (today < t.start) expect([t.status, t.progress], where).toEqual(['todo', 0]);
				else expect(t.status, where).not.toBe('todo');
				if (t.status === 'done') {
					expect(t.progress, where).toBe(100);
					expect(t.due < today, where).toBe(true);
				} else {
					expect(t.progress, where).toBeLessThan(100);
				}
				if (t.status !== 'todo') {
					for (const d of t.deps) expect(byId.get(d)!.status, `${where} waits on ${d}`).toBe('done');
				}
			}
		}
	});

	it('[W2] on 2026-11-25: earlier phases mostly done, some overdue or behind, rollout in progress, evaluation not started', () => {
		const ws = buildDemoWorkspace(LATE);
		const s = summarize(ws.tasks, ws.phases, LATE);
		expect(s.currentPhase).toBe('rollout');
		const inPhase = (p: Task['phase']) => ws.tasks.filter((t) => t.phase === p);
		for (const p of ['launch', 'pilot'] as const) {
			expect(s.byPhase[p].byStatus.done / s.byPhase[p].total).toBeGreaterThan(0.8);
		}
		expect(s.byStatus.done).toBeGreaterThan(20);
		expect(s.overdue).toBeGreaterThanOrEqual(2);
		expect(s.behind).toBeGreaterThan(s.overdue);
		expect(s.byStatus.blocked).toBeGreaterThanOrEqual(1);
		expect(s.byPhase.rollout.byStatus.doing).toBeGreaterThanOrEqual(3);
		expect(inPhase('evaluation').every((t) => t.status === 'todo' && t.progress === 0)).toBe(true);
		// Overdue work is visibly short of done, not merely forgotten.
		for (const t of ws.tasks.filter((t) => isOverdue(t, LATE))) {
			expect(t.progress).toBeGreaterThan(0);
			expect(isBehind(t, LATE)).toBe(true);
		}
	});

	it('[W2] on 2026-05-10: launch done but one straggler, pilot under way, later phases untouched', () => {
		const ws = buildDemoWorkspace(SPRING);
		const s = summarize(ws.tasks, ws.phases, SPRING);
		expect(s.currentPhase).toBe('pilot');
		expect(s.byPhase.launch.byStatus.done).toBe(s.byPhase.launch.total - 1);
		expect(s.overdue).toBe(1);
		expect(s.byPhase.pilot.byStatus.doing).toBeGreaterThanOrEqual(5);
		expect(s.byPhase.rollout.byStatus.todo).toBe(s.byPhase.rollout.total);
		expect(s.byPhase.evaluation.byStatus.todo).toBe(s.byPhase.evaluation.total);
		// Steady tasks in progress stay within 10 points of the line.
		for (const t of ws.tasks.filter((t) => t.status === 'doing' && !isBehind(t, SPRING))) {
			expect(Math.abs(t.progress - expectedProgress(t, SPRING))).toBeLessThanOrEqual(10);
		}
	});

	it('[W1] has the six goal groups with the plan’s numeric targets', () => {
		const ws = buildDemoWorkspace(LATE);
		const { goals } = ws;
		expect(goals.map((g) => g.title)).toEqual([
			'学生发展质量显著提升',
			'教师专业能力全面提升',
			'学校办学特色有效提升',
			'课堂教学改革实现突破',
			'评价体系创新实现突破',
			'形成区域教学质量保障体系'
		]);
		const target = (name: string) => ws.indicators.find((i) => i.name === name)?.target;
		expect(target('国家课程学业达标率')).toBe(98);
		expect(target('骨干教师占比')).toBe(35);
		expect(target('市级以上骨干教师占比')).toBe(10);
		expect(target('新型课堂常态化实施班级占比')).toBe(90);
		expect(target('过程性评价占比')).toBe(40);
		expect(ws.indicators).toHaveLength(13);
		expect(ws.indicators.every((i) => goals.some((g) => g.id === i.group))).toBe(true);
		expect(ws.indicators.filter((i) => i.group === goals[5].id)).toEqual([]);
	});

	it('[W6] every indicator has a baseline short of its target; three are measured per school', () => {
		const ws = buildDemoWorkspace(LATE);
		for (const i of ws.indicators) expect(i.baseline !== null && i.baseline < i.target, i.name).toBe(true);
		expect(ws.indicators.filter((i) => i.scope === 'school').map((i) => i.name)).toEqual([
			'国家课程学业达标率',
			'骨干教师占比',
			'教师跨学科教学能力达标率'
		]);
	});
});

describe('demo schools, pairings, milestones, visits, users', () => {
	it('[W3] has about 30 schools and exactly 10 pilots covering the three pilot types', () => {
		const { schools } = buildDemoWorkspace(LATE);
		expect(schools.length).toBeGreaterThanOrEqual(25);
		expect(new Set(schools.map((s) => s.name)).size).toBe(schools.length);
		const pilots = schools.filter((s) => s.pilot);
		expect(pilots).toHaveLength(10);
		expect(new Set(pilots.map((s) => s.type))).toEqual(new Set(['urban_quality', 'rural_center', 'new']));
	});

	it('[W3] pairs a strong with a weak school, 4–6 pairings, each school paired at most once per side', () => {
		const { schools, pairings } = buildDemoWorkspace(LATE);
		const byId = new Map(schools.map((s) => [s.id, s]));
		expect(pairings.length).toBeGreaterThanOrEqual(4);
		expect(pairings.length).toBeLessThanOrEqual(6);
		for (const p of pairings) {
			expect(byId.get(p.strongId)!.tier).toBe('strong');
			expect(byId.get(p.weakId)!.tier).toBe('weak');
			expect(p.modes.length).toBeGreaterThan(0);
			expect(p.modes.every((m) => PAIRING_MODES.includes(m))).toBe(true);
			expect(p.start < p.end).toBe(true);
		}
		expect(new Set(pairings.map((p) => p.weakId)).size).toBe(pairings.length);
	});

	it('[W3] gives each pilot 4–6 milestones covering every phase, statuses coherent with today', () => {
		for (const today of DAYS) {
			const ws = buildDemoWorkspace(today);
			const pilots = ws.schools.filter((s) => s.pilot);
			expect(Object.keys(ws.milestones).sort()).toEqual(pilots.map((s) => s.id).sort());
			for (const [schoolId, list] of Object.entries(ws.milestones)) {
				expect(list.length, schoolId).toBeGreaterThanOrEqual(4);
				expect(list.length, schoolId).toBeLessThanOrEqual(6);
				expect(new Set(list.map((m) => m.phase))).toEqual(new Set(PHASES));
				expect(new Set(list.map((m) => m.id)).size).toBe(list.length);
				for (const m of list) {
					const phase = ws.phases.find((p) => p.key === m.phase)!;
					expect(m.due >= phase.start && m.due <= phase.end).toBe(true);
					expect(m.note).toBeTruthy();
					if (m.status === 'done') {
						expect(m.progress).toBe(100);
						expect(m.doneOn! <= m.due && m.doneOn! < today).toBe(true);
					} else {
						expect(m.doneOn).toBeUndefined();
					}
					if (m.due < today) expect(m.status).not.toBe('todo');
				}
			}
		}
		const late = Object.values(buildDemoWorkspace(LATE).milestones).flat();
		expect(late.some((m) => m.status === 'done')).toBe(true);
		expect(late.some((m) => m.status === 'doing' && m.due < LATE)).toBe(true);
		expect(late.filter((m) => m.phase === 'evaluation').every((m) => m.status === 'todo')).toBe(true);
	});

	it('[W3] logs visits only for past days inside their pairing, between its two schools', () => {
		for (const today of DAYS) {
			const ws = buildDemoWorkspace(today);
			const pairing = new Map(ws.pairings.map((p) => [p.id, p]));
			for (const v of ws.visits) {
				const p = pairing.get(v.pairingId)!;
				expect(v.date < today && v.date >= p.start).toBe(true);
				expect(new Set([v.hostId, v.visitorId])).toEqual(new Set([p.strongId, p.weakId]));
				expect(v.participants).toBeGreaterThan(0);
				expect(v.status === 'confirmed').toBe(v.confirmedBy !== null);
				if (v.status === 'logged') expect(daysBetween(v.date, today)).toBeLessThanOrEqual(14);
			}
		}
		expect(buildDemoWorkspace('2026-02-01').visits).toEqual([]);
		const late = buildDemoWorkspace(LATE).visits;
		expect(late.length).toBeGreaterThanOrEqual(8);
		expect(late.some((v) => v.status === 'confirmed')).toBe(true);
		expect(late.some((v) => v.status === 'logged')).toBe(true);
	});

	it('[W3] has the five demo accounts of the contract, and a unit staff account', () => {
		const ws = buildDemoWorkspace(LATE);
		const user = (name: string) => ws.users.find((u) => u.username === name)!;
		expect(ws.users.map((u) => [u.username, u.role])).toEqual([
			['admin', 'admin'],
			['leader', 'leader'],
			['coordinator', 'coordinator'],
			['partner', 'partner'],
			['viewer', 'viewer'],
			['staff', 'viewer']
		]);
		expect(user('staff').units).toEqual(['教研中心']);
		expect(ws.users.filter((u) => u.isAdmin).map((u) => u.username)).toEqual(['admin']);
		expect(user('coordinator').schoolId).toBe(ws.schools.find((s) => s.pilot)!.id);
		const partnerSchool = ws.schools.find((s) => s.id === user('partner').schoolId)!;
		expect(partnerSchool.tier).toBe('weak');
		expect(ws.pairings.some((p) => p.weakId === partnerSchool.id)).toBe(true);
		// The partner has a visit of their own waiting to be confirmed as host.
		expect(ws.visits.some((v) => v.hostId === partnerSchool.id && v.status === 'logged')).toBe(true);
		for (const u of ws.users) expect(u.displayName).toMatch(/[\u4e00-\u9fff]/);
	});
});
