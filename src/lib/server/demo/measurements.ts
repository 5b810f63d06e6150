/**
 * The demo's measurement history: each indicator measured on its own rhythm since the plan
 * started (district figures once, school figures for every pilot school), moving from its
 * baseline toward its target at its own pace, so that on any day some indicators are met and
 * some are not, and schools spread around the district's mean. Pure and deterministic: the same
 * workspace always gives the same history, and nothing is dated after `today`.
 */
import { makeDate } from '../../shared/plan/dates';
import type { Indicator } from '../../shared/plan/types';
import type { Measurement } from '../../shared/supervision/indicators';
import type { DemoWorkspace } from './data';

/** A stored measurement as the demo writes it (no evidence file), with its Idempotency-Key. */
export type DemoMeasurement = Omit<Measurement, 'createdByName' | 'fileId'> & { idempotencyKey: string };

/**
 * How each indicator (by its position in the plan) is measured: the months of its measurement
 * (on the 20th), where its figures come from, and its pace: the share of the way from baseline
 * to target covered by the end of the year (above 1: met before the year is out).
 */
const RHYTHM: { months: number[]; source: string; pace: number }[] = [
	{ months: [1, 4, 6, 9, 11], source: '区学业质量监测', pace: 1.15 }, // 国家课程学业达标率
	{ months: [3, 6, 9, 11], source: '核心素养抽测', pace: 0.8 },
	{ months: [2, 5, 8, 11], source: '特殊教育资源中心台账', pace: 1.3 },
	{ months: [1, 3, 5, 7, 9, 11], source: '人事科统计', pace: 0.9 }, // 骨干教师占比
	{ months: [3, 7, 11], source: '教师发展中心认定名单', pace: 1.1 },
	{ months: [2, 6, 10], source: '跨学科教学能力测评', pace: 0.85 },
	{ months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], source: '教育信息化平台统计', pace: 2.8 },
	{ months: [4, 8, 11], source: '特色学校评估', pace: 1.05 },
	{ months: [3, 5, 7, 9, 11], source: '课堂观察记录', pace: 0.95 },
	{ months: [4, 7, 10], source: '课堂观察量表', pace: 1.2 },
	{ months: [4, 7, 10], source: '课堂观察量表', pace: 0.75 },
	{ months: [2, 4, 6, 8, 10], source: '评价系统统计', pace: 1.25 },
	{ months: [6, 11], source: '满意度问卷', pace: 0.7 }
];

/** A small, stable wobble in [-1, 1] (a hash of the inputs, no randomness). */
function wobble(...n: number[]): number {
	let h = 2166136261;
	for (const x of n) h = Math.imul(h ^ (x + 0x9e37), 16777619) >>> 0;
	return ((h % 2001) - 1000) / 1000;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A percentage stays a percentage; an increase in points never goes below zero. */
const clamp = (ind: Indicator, n: number) => Math.min(ind.unit === '%' ? 100 : Infinity, Math.max(0, n));

/**
 * The value of `ind` at `share` of the year for a school (`k` ≥ 0) or the district (`k` = -1):
 * schools start a little above or below the baseline and keep their own pace.
 */
function valueAt(ind: Indicator, pace: number, share: number, k: number, step: number, i: number): number {
	const baseline = ind.baseline ?? 0;
	const span = ind.target - baseline;
	const start = k < 0 ? baseline : baseline + Math.abs(span) * 0.25 * wobble(i, k);
	const ownPace = k < 0 ? pace : pace * (1 + 0.25 * wobble(k, i, 7));
	const noise = Math.abs(span) * 0.03 * wobble(i, k, step);
	return round1(clamp(ind, start + span * Math.min(1.15, ownPace * share) + noise));
}

/** Every measurement of the demo plan up to `today` (yesterday at the latest), oldest first. */
export function buildDemoMeasurements(ws: DemoWorkspace): DemoMeasurement[] {
	const year = Number(ws.plan.start.slice(0, 4));
	const days = 365;
	const pilots = ws.schools.filter((s) => s.pilot);
	const leader = ws.users.find((u) => u.role === 'leader')!;
	const coordinator = ws.users.find((u) => u.role === 'coordinator')!;
	const out: DemoMeasurement[] = [];
	ws.indicators.forEach((ind, i) => {
		const rhythm = RHYTHM[i % RHYTHM.length];
		rhythm.months.forEach((month, step) => {
			const date = makeDate(year, month, 20);
			if (date >= ws.today) return;
			const share = (Date.parse(date) - Date.parse(ws.plan.start)) / 86_400_000 / days;
			const who = ind.scope === 'district' ? [null] : pilots.map((s) => s.id);
			who.forEach((schoolId, k) => {
				const id = `ms-${ind.id}-${schoolId ?? 'district'}-${step + 1}`;
				out.push({
					id,
					indicatorId: ind.id,
					schoolId,
					value: valueAt(ind, rhythm.pace, share, schoolId === null ? -1 : k, step, i),
					date,
					source: rhythm.source,
					createdBy: schoolId !== null && schoolId === coordinator.schoolId ? coordinator.id : leader.id,
					idempotencyKey: `demo-${id}`
				});
			});
		});
	});
	return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
