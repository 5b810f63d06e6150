/**
 * The plan both Gantts draw in the bench: 10,000 tasks over one year in the four phases and
 * exactly 5,000 finish-to-start dependencies, deterministic (mulberry32), without a DOM or any
 * server import so each harness bundles it as is.
 */
import type { Phase, Task } from '../../../src/lib/shared/plan/types';
import { rng } from '../rng';

export const BENCH_TASKS = 10_000;
export const BENCH_LINKS = 5_000;
/** Inside the plan, so the chart opens scrolled to it. */
export const BENCH_TODAY = '2026-05-15';
export const BENCH_PLAN = { title: '压测方案', start: '2026-01-01', end: '2026-12-31' };

export const BENCH_PHASES: Phase[] = [
	{ key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' },
	{ key: 'pilot', name: '试点推进', start: '2026-04-01', end: '2026-06-30' },
	{ key: 'rollout', name: '全面实施', start: '2026-07-01', end: '2026-11-30' },
	{ key: 'evaluation', name: '总结评估', start: '2026-12-01', end: '2026-12-31' }
];


const WORKSTREAMS = ['课堂教学改革', '教师专业发展', '集团化办学', '质量监测评价', '家校社协同', '信息化建设'];
const UNITS = ['教育局基础教育科', '教研室', '教师发展中心', '督导室', '电教馆', '各试点学校'];
const VERBS = ['制定', '组织', '开展', '完成', '推进', '评估', '修订', '召开'];
const OBJECTS = ['学科教研活动', '骨干教师培训', '课堂观察量表', '质量分析报告', '结对帮扶计划', '期中质量监测'];
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** Tasks in plan order; every odd-numbered task depends on one of the ten before it. */
export function benchTasks(count = BENCH_TASKS, links = BENCH_LINKS, seed = 7): Task[] {
	const r = rng(seed);
	const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
	const tasks: Task[] = [];
	for (let i = 0; i < count; i++) {
		const phase = BENCH_PHASES[Math.min(3, Math.floor((i / count) * 4))];
		const p0 = dayMs(phase.start);
		const span = (dayMs(phase.end) - p0) / DAY + 1;
		const len = Math.min(span, 3 + Math.floor(r() * 40));
		const start = p0 + Math.floor(r() * (span - len + 1)) * DAY;
		const progress = Math.floor(r() * 101);
		tasks.push({
			id: `b${i.toString(36)}`,
			title: `${pick(VERBS)}${pick(OBJECTS)}（第${(i % 12) + 1}批）`,
			workstream: pick(WORKSTREAMS),
			phase: phase.key,
			unit: pick(UNITS),
			lead: '',
			start: iso(start),
			due: iso(start + (len - 1) * DAY),
			status: progress === 100 ? 'done' : progress === 0 ? 'todo' : 'doing',
			progress,
			deps: [],
			order: `a${i.toString(36).padStart(4, '0')}`
		});
	}
	for (let k = 0; k < links; k++) {
		const i = 2 * k + 1;
		const j = Math.max(0, i - 1 - Math.floor(r() * 10));
		tasks[i].deps.push(tasks[j].id);
	}
	return tasks;
}

/** `YYYY-MM-DD` plus `days`. */
export function shiftDate(d: string, days: number): string {
	return iso(dayMs(d) + days * DAY);
}
