import { describe, expect, it } from 'vitest';
import { parseTsv, planPaste, toTsv } from './clipboard';
import { parseDateInput } from '../shared/plan/date-input';
import { DEFAULT_VIEW, filterTasks, groupRows, parseView, sortTasks, viewRows, viewToParams } from '../shared/plan/task-view';
import { rowWindow, scrollToRow } from './virtual-rows.svelte';
import { GridState } from './grid-state.svelte';
import { cellText, GRID_FIELDS, gridColumns, isEditable, parseCell, type CellContext } from './edit';
import { makeTask } from './test-task';

describe('clipboard', () => {
	it('[T1] parses Excel TSV: quoted cells with line breaks and quotes, CRLF, no row for the trailing newline', () => {
		const text = 'a\t"two\r\nlines"\tc\r\n"say ""hi"""\t\tz\r\n';
		expect(parseTsv(text)).toEqual([
			['a', 'two\r\nlines', 'c'],
			['say "hi"', '', 'z']
		]);
		expect(parseTsv('x\ny')).toEqual([['x'], ['y']]);
		expect(parseTsv('')).toEqual([]);
		expect(parseTsv('\r\n')).toEqual([['']]);
		expect(parseTsv('a\t\n')).toEqual([['a', '']]);
	});

	it('[T1] never throws on an unmatched quote', () => {
		expect(parseTsv('"open\tcell')).toEqual([['open\tcell']]);
	});

	it('[T2] copy gives TSV that parses back to the same cells', () => {
		const rows = [
			['制定方案', 'a\tb', '"quoted'],
			['line\nbreak', '', '50']
		];
		expect(parseTsv(toTsv(rows))).toEqual(rows);
		expect(toTsv([['x', 'y']])).toBe('x\ty\r\n');
	});

	it('[T13] a pasted block lands from the selected cell, skips group rows and read-only columns, and rows past the end are new', () => {
		const cols = ['no', 'title', 'unit', 'attention'];
		const ed = (f: string): f is 'title' | 'unit' => f === 'title' || f === 'unit';
		const plan = planPaste([['A', 'u1', 'x'], ['B', 'u2'], ['C', 'u3']], { row: 0, col: 1 }, [null, 't1', 't2'], cols, ed);
		expect(plan.edits).toEqual([
			{ id: 't1', values: { title: 'A', unit: 'u1' } },
			{ id: 't2', values: { title: 'B', unit: 'u2' } }
		]);
		expect(plan.extra).toEqual([{ title: 'C', unit: 'u3' }]);
	});
});

describe('date input', () => {
	it('[T3] reads ISO, slashes, dots, Chinese and year-less dates with the plan year', () => {
		expect(parseDateInput('2026-04-01', 2026)).toBe('2026-04-01');
		expect(parseDateInput('2026/4/1', 2026)).toBe('2026-04-01');
		expect(parseDateInput('2026.4.1', 2026)).toBe('2026-04-01');
		expect(parseDateInput('2026年4月1日', 2025)).toBe('2026-04-01');
		expect(parseDateInput('4/1', 2026)).toBe('2026-04-01');
		expect(parseDateInput('4月1日', 2027)).toBe('2027-04-01');
		expect(parseDateInput(' 12-31 ', 2026)).toBe('2026-12-31');
	});

	it('[T3] reads Excel serial days and Date cells, refuses days that do not exist', () => {
		expect(parseDateInput(46113, 2026)).toBe('2026-04-01');
		expect(parseDateInput('46113', 2026)).toBe('2026-04-01');
		expect(parseDateInput(new Date(Date.UTC(2026, 3, 1)), 2026)).toBe('2026-04-01');
		expect(parseDateInput('2/30', 2026)).toBeNull();
		expect(parseDateInput('2/29', 2028)).toBe('2028-02-29');
		expect(parseDateInput('next week', 2026)).toBeNull();
		expect(parseDateInput('', 2026)).toBeNull();
		expect(parseDateInput(null, 2026)).toBeNull();
	});
});

describe('view', () => {
	const tasks = [
		makeTask({ id: 't1', title: '乙', unit: '教研室', progress: 10, due: '2026-03-31' }),
		makeTask({ id: 't2', title: '甲', phase: 'pilot', unit: '教育局', status: 'done', progress: 100, start: '2026-04-01', due: '2026-04-05' }),
		makeTask({ id: 't3', title: '丙', workstream: '课堂改革', unit: '', progress: 60, status: 'blocked', due: '2026-03-20' })
	];
	const numbers = new Map(tasks.map((t, i) => [t.id, i + 1]));

	it('[T4] the view round-trips through the query string and ignores unknown values', () => {
		const v = { ...DEFAULT_VIEW, phase: 'pilot' as const, unit: '教育局', attention: 'behind' as const, dueWithin: 7, q: '方案', sort: { field: 'due' as const, desc: true }, group: 'unit' as const, folded: ['教研室'] };
		expect(parseView(viewToParams(v))).toEqual(v);
		expect(parseView(new URLSearchParams('phase=nope&sort=bogus&due=-1&group=x'))).toEqual(DEFAULT_VIEW);
		expect(parseView(new URLSearchParams('filter=overdue')).attention).toBe('overdue');
		expect(viewToParams(DEFAULT_VIEW).toString()).toBe('');
	});

	it('[T5] filters by every field, attention state and due within N days', () => {
		const today = '2026-03-25';
		expect(filterTasks(tasks, { ...DEFAULT_VIEW, unit: '教育局' }, today).map((t) => t.id)).toEqual(['t2']);
		expect(filterTasks(tasks, { ...DEFAULT_VIEW, status: 'blocked' }, today).map((t) => t.id)).toEqual(['t3']);
		expect(filterTasks(tasks, { ...DEFAULT_VIEW, attention: 'overdue' }, today).map((t) => t.id)).toEqual(['t3']);
		expect(filterTasks(tasks, { ...DEFAULT_VIEW, dueWithin: 7 }, today).map((t) => t.id)).toEqual(['t1', 't3']);
		expect(filterTasks(tasks, { ...DEFAULT_VIEW, q: '课堂' }, today).map((t) => t.id)).toEqual(['t3']);
	});

	it('[T5] sorts by a column either way with blanks last and plan order on ties', () => {
		const by = (field: 'unit' | 'progress' | 'title' | 'no', desc = false) => sortTasks(tasks, { field, desc }, '2026-03-25', numbers).map((t) => t.id);
		expect(by('progress')).toEqual(['t1', 't3', 't2']);
		expect(by('progress', true)).toEqual(['t2', 't3', 't1']);
		// Chinese collation is by pinyin: 教研室 (yan) before 教育局 (yu).
		expect(by('unit')).toEqual(['t1', 't2', 't3']);
		expect(by('unit', true)).toEqual(['t2', 't1', 't3']);
		expect(by('no', true)).toEqual(['t3', 't2', 't1']);
	});

	it('[T16] a compared baseline adds its start, due and slip after 完成时限; slip sorts numerically, tasks outside the baseline last', () => {
		expect(gridColumns(false)).toEqual(GRID_FIELDS);
		const cols = gridColumns(true);
		expect(cols.slice(cols.indexOf('due'), cols.indexOf('due') + 4)).toEqual(['due', 'baseStart', 'baseDue', 'slip']);
		expect(cols.filter(isEditable)).toEqual(GRID_FIELDS.filter(isEditable));
		// t1 due 03-31 was 03-21 (+10), t2 due 04-05 was 04-08 (−3), t3 is not in the baseline.
		const baseline = new Map([
			['t1', { start: '2026-03-01', due: '2026-03-21' }],
			['t2', { start: '2026-04-01', due: '2026-04-08' }]
		]);
		const by = (field: 'slip' | 'baseDue', desc = false) => sortTasks(tasks, { field, desc }, '2026-03-25', numbers, baseline).map((t) => t.id);
		expect(by('slip')).toEqual(['t2', 't1', 't3']);
		expect(by('slip', true)).toEqual(['t1', 't2', 't3']);
		expect(by('baseDue', true)).toEqual(['t2', 't1', 't3']);
		// Without a baseline every slip is blank: plan order.
		expect(sortTasks(tasks, { field: 'slip', desc: true }, '2026-03-25', numbers).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
		const v = { ...DEFAULT_VIEW, baseline: 'b1', sort: { field: 'slip' as const, desc: true } };
		expect(parseView(viewToParams(v))).toEqual(v);
		expect(viewToParams(v).toString()).toBe('sort=-slip&baseline=b1');
		expect(viewRows(tasks, v, '2026-03-25', numbers, baseline).shown.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
	});

	it('[T6] groups with a header per group (count, mean progress, done as 100) and folds', () => {
		const rows = groupRows(tasks, 'workstream', ['课堂改革']);
		expect(rows.map((r) => (r.kind === 'group' ? `g:${r.key}:${r.count}:${r.meanProgress}:${r.folded}` : r.task.id))).toEqual([
			'g:组织保障:2:55:false',
			't1',
			't2',
			'g:课堂改革:1:60:true'
		]);
		expect(groupRows(tasks, 'phase', []).filter((r) => r.kind === 'group').map((r) => (r as { key: string }).key)).toEqual(['launch', 'pilot']);
	});
});

describe('virtual rows and the cursor', () => {
	it('[T11] renders only the rows in view plus overscan, whatever the count', () => {
		expect(rowWindow(0, 720, 36, 10_000, 6)).toEqual({ start: 0, end: 27, offset: 0, total: 360_000 });
		const w = rowWindow(36_000, 720, 36, 10_000, 6);
		expect(w.start).toBe(994);
		expect(w.end - w.start).toBeLessThanOrEqual(40);
		expect(rowWindow(999_999, 720, 36, 10, 6)).toMatchObject({ start: 10, end: 10 });
		expect(scrollToRow(0, 400, 36, 20, 38)).toBe(21 * 36 - 362);
		expect(scrollToRow(500, 400, 36, 5)).toBe(180);
		expect(scrollToRow(100, 400, 36, 4)).toBe(100);
	});

	it('[T12] resizing an empty grid leaves the cursor as it is (a new cursor re-ran the effect forever)', () => {
		const g = new GridState();
		const before = g.active;
		g.setSize(0, 4);
		g.setSize(0, 4);
		expect(g.active).toBe(before);
		g.setSize(5, 4);
		g.moveTo(4, 2);
		g.setSize(2, 4);
		expect(g.active).toEqual({ row: 1, col: 2 });
	});

	it('[T12] moves clamp to the grid, Tab wraps rows, Shift extends the range', () => {
		const g = new GridState();
		g.setSize(3, 4);
		g.moveTo(0, 0);
		g.moveBy(-1, -1);
		expect(g.active).toEqual({ row: 0, col: 0 });
		g.moveBy(1, 2, true);
		expect(g.range).toEqual({ top: 0, bottom: 1, left: 0, right: 2 });
		g.moveTo(1, 3);
		g.tab(false);
		expect(g.active).toEqual({ row: 2, col: 0 });
		g.tab(true);
		expect(g.active).toEqual({ row: 1, col: 3 });
		g.togglePick('t1');
		expect([...g.picked]).toEqual(['t1']);
	});
});

describe('cell text', () => {
	const tasks = [makeTask({ id: 't1' }), makeTask({ id: 't2', title: '听课评课', deps: ['t1'] })];
	const ctx: CellContext = {
		year: 2026,
		phaseLabel: (k) => ({ launch: '启动部署', pilot: '试点推进', rollout: '全面实施', evaluation: '总结评估' })[k],
		statusLabel: (k) => ({ todo: '未开始', doing: '进行中', done: '已完成', blocked: '受阻' })[k],
		tasks,
		numbers: new Map([
			['t1', 1],
			['t2', 2]
		])
	};

	it('[T10] parses typed or pasted text per field: labels, percentages, dates, dependencies by number or title', () => {
		expect(parseCell('progress', '50%', ctx)).toBe(50);
		expect(parseCell('progress', 'lots', ctx)).toBeNaN();
		expect(parseCell('status', '进行中', ctx)).toBe('doing');
		expect(parseCell('phase', 'pilot', ctx)).toBe('pilot');
		expect(parseCell('due', '4月1日', ctx)).toBe('2026-04-01');
		expect(parseCell('deps', '2、制定方案', ctx)).toEqual(['t2', 't1']);
		expect(parseCell('title', 'a\r\nb', ctx)).toBe('a\nb');
	});

	it('[T16] the baseline columns show (and copy) its dates and the signed slip; blank outside it', () => {
		const withBase = { ...ctx, baseline: new Map([['t1', { start: '2026-02-20', due: '2026-03-28' }]]) };
		const t1 = tasks[0];
		expect(['baseStart', 'baseDue', 'slip'].map((f) => cellText(t1, f as 'slip', withBase))).toEqual(['2026-02-20', '2026-03-28', '+3']);
		expect(cellText({ ...t1, due: '2026-03-26' }, 'slip', withBase)).toBe('-2');
		expect(cellText(tasks[1], 'slip', withBase)).toBe('');
		expect(cellText(t1, 'slip', ctx)).toBe('');
	});

	it('[T10] copies what it shows, so a copied cell pastes back to the same value', () => {
		const t = tasks[1];
		for (const f of GRID_FIELDS.filter(isEditable)) {
			expect(parseCell(f, cellText(t, f, ctx), ctx)).toEqual(t[f]);
		}
	});
});
