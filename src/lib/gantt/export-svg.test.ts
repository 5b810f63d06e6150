import { describe, expect, it } from 'vitest';
import { ganttSvg, printSlices, type SvgModel } from './export-svg';
import { buildRows, linksOf, makeAxis, ROW_HEIGHT } from './layout';
import type { Phase, Task } from '../shared/plan/types';
import { task } from './test-task';


const phases: Phase[] = [{ key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' }];

function model(tasks: Task[]): SvgModel {
	return {
		title: 'A & B <计划>',
		subtitle: '导出于 2026-01-10',
		rows: buildRows(tasks, { groupBy: 'none', collapsed: new Set(), phase: null }),
		links: linksOf(tasks),
		axis: makeAxis('2026-01-01', '2026-03-31', 8),
		zoom: 'month',
		phases,
		today: '2026-01-10',
		labels: {
			phase: () => '启动部署',
			state: (s) => `state:${s}`,
			group: (k) => k,
			upperTick: (d) => d.slice(0, 7),
			lowerTick: (d) => d.slice(8),
			today: '今天',
			critical: '关键路径',
			baseline: '基线',
			expected: '序时进度',
			slip: (d) => `${d}天`
		}
	};
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('SVG export', () => {
	it('[G10] the whole plan: every row, title, subtitle and a legend of every state, text escaped', () => {
		const tasks = Array.from({ length: 40 }, (_, i) => task(`t${i}`, { title: `任务${i}` }));
		const svg = ganttSvg(model(tasks));
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		for (let i = 0; i < 40; i++) expect(svg).toContain(`>任务${i}<`);
		expect(svg).toContain('A &amp; B &lt;计划&gt;');
		expect(svg).toContain('导出于 2026-01-10');
		for (const s of ['on_track', 'due_soon', 'behind', 'overdue', 'blocked', 'done']) expect(svg).toContain(`state:${s}`);
		for (const l of ['关键路径', '基线', '序时进度', '今天']) expect(svg).toContain(l);
		const height = Number(/height="(\d+)"/.exec(svg)![1]);
		expect(height).toBe(64 + 60 + 40 * ROW_HEIGHT);
	});

	it('[G10] a slice draws only its rows, the arrows touching them, and repeats the names column', () => {
		const tasks = [task('a'), task('b', { deps: ['a'], start: '2026-01-12', due: '2026-01-14' }), task('c'), task('d', { deps: ['c'], start: '2026-01-12', due: '2026-01-14' })];
		const m = model(tasks);
		const whole = ganttSvg(m);
		expect(count(whole, /marker-end="url\(#x-arrow\)"/g)).toBe(2);
		const page = ganttSvg(m, { rowFrom: 2, rowTo: 4, x0: 0, x1: 400 });
		expect(page).toContain('>c<');
		expect(page).toContain('>d<');
		expect(page).not.toContain('>a<');
		expect(count(page, /marker-end="url\(#x-arrow\)"/g)).toBe(1);
		expect(/width="(\d+)"/.exec(page)![1]).toBe(String(300 + 400));
		expect(/height="(\d+)"/.exec(page)![1]).toBe(String(64 + 60 + 2 * ROW_HEIGHT));
	});
});

describe('print pages', () => {
	it('[G11] rows per page from the page height, time per page from its width, strips of time first', () => {
		const page = { width: 1511, height: 1040 };
		const rowsPerPage = Math.floor((1040 - 124) / ROW_HEIGHT);
		const slices = printSlices(70, 2500, page);
		const chart = 1511 - 300;
		expect(slices.slice(0, 3)).toEqual([
			{ rowFrom: 0, rowTo: rowsPerPage, x0: 0, x1: chart },
			{ rowFrom: rowsPerPage, rowTo: 2 * rowsPerPage, x0: 0, x1: chart },
			{ rowFrom: 2 * rowsPerPage, rowTo: 70, x0: 0, x1: chart }
		]);
		expect(slices).toHaveLength(3 * 3);
		expect(slices.at(-1)).toEqual({ rowFrom: 2 * rowsPerPage, rowTo: 70, x0: 2 * chart, x1: 2500 });
	});

	it('[G11] every row and every px of time is on exactly one page; no rows still gives a page per strip', () => {
		const slices = printSlices(101, 5000, { width: 1000, height: 700 });
		const cells = new Map<string, number>();
		for (const s of slices) for (let r = s.rowFrom; r < s.rowTo; r++) cells.set(`${r}:${s.x0}`, (cells.get(`${r}:${s.x0}`) ?? 0) + 1);
		const strips = [...new Set(slices.map((s) => s.x0))];
		expect(strips.reduce((w, x0) => w + (slices.find((s) => s.x0 === x0)!.x1 - x0), 0)).toBe(5000);
		expect(cells.size).toBe(101 * strips.length);
		expect([...cells.values()].every((n) => n === 1)).toBe(true);
		expect(printSlices(0, 900, { width: 1000, height: 700 })).toEqual([{ rowFrom: 0, rowTo: 0, x0: 0, x1: 700 }, { rowFrom: 0, rowTo: 0, x0: 700, x1: 900 }]);
	});
});
