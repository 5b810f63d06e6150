import { describe, expect, it } from 'vitest';
import { detectLayout, parseRows, planImport, type Cell } from './import-map';
import { makeTask } from '../../table/test-task';
import type { Phase } from './types';

const plan = { start: '2026-01-01', end: '2026-12-31' };
const phases: Phase[] = [
	{ key: 'launch', name: '', start: '2026-01-01', end: '2026-03-31' },
	{ key: 'pilot', name: '', start: '2026-04-01', end: '2026-06-30' },
	{ key: 'rollout', name: '', start: '2026-07-01', end: '2026-11-30' },
	{ key: 'evaluation', name: '', start: '2026-12-01', end: '2026-12-31' }
];

// A bureau's sheet: a title row, headers merged over two rows in another order, dates as Excel
// dates, serials and text, a 重点任务 cell merged down (blank below once saved as CSV).
const sheet: Cell[][] = [
	['XX区教育教学质量提升任务分解表', null, null, null, null, null, null, null],
	['序号', '具体任务', '重点任务', '时间安排', '时间安排', '责任单位', '完成进度', '备注'],
	['序号', '具体任务', '重点任务', '开始时间', '完成时限（截止）', '责任单位', '完成进度', '备注'],
	[1, '制定方案', '组织保障', new Date(Date.UTC(2026, 0, 5)), 46082, '教育局', '50%', ''],
	[2, '成立专班', null, '2026年1月10日', '3/20', '教研室', 20, ''],
	[null, null, null, null, null, null, null, null],
	[3, '', '课堂改革', '2026-04-01', '2026-05-01', '教研室', 0, '缺名称'],
	[4, '听课评课', '课堂改革', '2026-05-01', '2026-04-01', '', 0, '日期倒置'],
	[5, '试点学校开课', '课堂改革', '4/10', '6/30', '试点校', '100%', '']
];

describe('import mapping', () => {
	it('[T7] finds headers merged over two rows under a title row, in any order, and ignores unknown columns', () => {
		const layout = detectLayout(sheet)!;
		expect(layout.firstRow).toBe(3);
		expect(layout.columns.map((c) => c.field)).toEqual(['index', 'title', 'workstream', 'start', 'due', 'unit', 'progress', null]);
		expect(detectLayout([['hello', 'world'], [1, 2]])).toBeNull();
	});

	it('[T8] parses Excel dates, serials and text dates, fills a merged-down 重点任务, infers the phase, skips empty rows', () => {
		const rows = parseRows(sheet, detectLayout(sheet)!, plan, phases);
		expect(rows.map((r) => r.line)).toEqual([4, 5, 7, 8, 9]);
		expect(rows[0].fields).toMatchObject({ title: '制定方案', start: '2026-01-05', due: '2026-03-01', progress: 50, phase: 'launch' });
		expect(rows[1].fields).toMatchObject({ workstream: '组织保障', start: '2026-01-10', due: '2026-03-20' });
		expect(rows[4].fields).toMatchObject({ phase: 'pilot', progress: 100, start: '2026-04-10' });
	});

	it('[T9] reports bad rows with their fields and lets the rest proceed; a re-import updates the tasks it matches', () => {
		const rows = parseRows(sheet, detectLayout(sheet)!, plan, phases);
		const first = planImport(rows, [], { plan, phases, tasks: [] });
		expect(first.map((r) => r.action)).toEqual(['create', 'create', 'skip', 'skip', 'create']);
		expect(first[2].problems).toEqual([{ field: 'title', error: 'title_required' }]);
		expect(first[3].problems).toEqual([{ field: 'due', error: 'due_before_start' }]);
		// [E4] a 100% row without a status becomes done.
		expect(first[4].patch).toMatchObject({ progress: 100, status: 'done' });

		const existing = [makeTask({ id: 'a', title: '制定 方案', start: '2026-01-05', due: '2026-03-01' }), makeTask({ id: 'b', title: '别的任务', workstream: '组织保障', start: '2026-01-05', due: '2026-03-01' })];
		const again = planImport(rows, existing, { plan, phases, tasks: existing });
		expect(again[0]).toMatchObject({ action: 'update', taskId: 'a' });
		// 序号 2 names task b in the same 重点任务: the renamed row updates it.
		expect(again[1]).toMatchObject({ action: 'update', taskId: 'b' });
		expect(again[4].action).toBe('create');
	});
});
