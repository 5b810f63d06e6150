/**
 * Reading a task breakdown table (任务分解表) as bureaus write them: a title row or two, header
 * cells merged over two rows ("时间安排" over "开始时间 | 完成时限"), Chinese headers in any order,
 * dates as Excel dates or text, a 重点任务 cell merged down over its tasks. Pure: the import route
 * turns a workbook or CSV into a matrix of plain cells, this module maps columns, parses and
 * validates every row against the plan's edit rules, and decides which rows create tasks and
 * which update the task they match (by title, else by 序号), so a re-import never duplicates
 * ([T7]–[T9]). Recognised header and label words are input vocabulary, not UI text.
 */
import { PHASES, TASK_STATUSES, type PhaseKey, type Task, type TaskStatus } from './types';
import { checkTaskEdit, type EditContext, type EditError, type TaskPatch } from './rules';
import { TASK_FIELD as F } from '../sync/kinds/plan';
import { phaseForDate } from './schedule';
import { parseDateInput } from './date-input';

export type Cell = string | number | boolean | Date | null | undefined;
export type ImportField = 'index' | Exclude<keyof Task, 'id' | 'order' | 'deps'>;

const HEADERS: Record<ImportField, string[]> = {
	index: ['序号', '编号', '序', 'no', 'no.', '#', 'index'],
	workstream: ['重点任务', '工作领域', '任务类别', '重点工作', '项目', '类别', '主要任务', 'workstream'],
	title: ['具体任务', '任务名称', '工作任务', '任务内容', '具体工作', '具体措施', '工作内容', '任务', 'task', 'title'],
	unit: ['责任单位', '牵头单位', '责任部门', '主责单位', 'unit', 'responsibleunit'],
	lead: ['牵头人', '责任人', '负责人', 'lead', 'owner'],
	start: ['开始时间', '开始日期', '起始时间', '启动时间', 'start', 'startdate'],
	due: ['完成时限', '完成时间', '截止时间', '截止日期', '完成日期', 'due', 'duedate', 'deadline'],
	phase: ['阶段', '所属阶段', '实施阶段', 'phase'],
	status: ['状态', '完成状态', '进展状态', '推进状态', 'status'],
	progress: ['进度', '完成进度', '完成比例', '进度(%)', 'progress']
};

const PHASE_WORDS: Record<PhaseKey, string[]> = {
	launch: ['启动部署', '启动', '部署', '启动阶段', 'launch'],
	pilot: ['试点推进', '试点', '试点阶段', 'pilot'],
	rollout: ['全面实施', '全面推进', '实施', '实施阶段', 'rollout'],
	evaluation: ['总结评估', '总结', '评估', '总结阶段', 'evaluation']
};

const STATUS_WORDS: Record<TaskStatus, string[]> = {
	todo: ['未开始', '未启动', '待开始', '待办', 'todo', 'to do', 'not started'],
	doing: ['进行中', '推进中', '实施中', '正在推进', 'doing', 'in progress'],
	done: ['已完成', '完成', '已办结', 'done', 'completed'],
	blocked: ['受阻', '阻塞', '暂停', '停滞', 'blocked']
};

/** Header text as compared: no spaces, line breaks, asterisks or parenthesised notes; lower case. */
export function normalizeHeader(text: string): string {
	return text
		.replace(/[（(][^）)]*[）)]/g, (m) => (/%/.test(m) ? '(%)' : ''))
		.replace(/[\s*＊:：]/g, '')
		.toLowerCase();
}

const HEADER_OF = new Map<string, ImportField>(
	(Object.entries(HEADERS) as [ImportField, string[]][]).flatMap(([f, words]) => words.map((w) => [normalizeHeader(w), f] as const))
);

export function cellText(c: Cell): string {
	if (c === null || c === undefined) return '';
	if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
	return String(c).trim();
}

export interface ColumnMapping {
	column: number;
	header: string;
	field: ImportField | null;
}

export interface SheetLayout {
	columns: ColumnMapping[];
	/** Index of the first data row in the matrix. */
	firstRow: number;
}

/**
 * [T7] Finds the header rows among the first ten (a row naming at least two known headers; a row
 * above it naming some joins it, for headers merged over two rows) and maps each column to the
 * bottom-most header cell it recognises. `null` when no row names two known headers.
 */
export function detectLayout(matrix: readonly (readonly Cell[])[]): SheetLayout | null {
	const scan = Math.min(matrix.length, 10);
	let last = -1;
	for (let r = 0; r < scan; r++) {
		const known = new Set(matrix[r].map((c) => HEADER_OF.get(normalizeHeader(cellText(c)))).filter(Boolean));
		if (known.size >= 2) last = r;
		else if (last >= 0) break;
	}
	if (last < 0) return null;
	let first = last;
	while (first > 0 && matrix[first - 1].some((c) => HEADER_OF.has(normalizeHeader(cellText(c))))) first--;
	const width = Math.max(...matrix.slice(first, last + 1).map((r) => r.length));
	const used = new Set<ImportField>();
	const columns: ColumnMapping[] = [];
	for (let col = 0; col < width; col++) {
		let header = '';
		let field: ImportField | null = null;
		for (let r = last; r >= first; r--) {
			const text = cellText(matrix[r][col]);
			const f = HEADER_OF.get(normalizeHeader(text));
			if (f && !used.has(f)) {
				header = text;
				field = f;
				break;
			}
			if (!header && text) header = text;
		}
		if (field) used.add(field);
		columns.push({ column: col, header, field });
	}
	return { columns, firstRow: last + 1 };
}

export interface RowProblem {
	field: ImportField;
	error: EditError | 'invalid_phase' | 'invalid_status';
}

export interface ParsedRow {
	/** 1-based line in the sheet, for the report. */
	line: number;
	index: number | null;
	fields: TaskPatch;
	problems: RowProblem[];
}

function wordOf<K extends string>(words: Record<K, string[]>, keys: readonly K[], text: string): K | null {
	const t = text.trim().toLowerCase();
	return keys.find((k) => words[k].some((w) => w.toLowerCase() === t)) ?? null;
}

/** A progress cell: `50`, `50%`, `0.5` of a percent-formatted cell (given as `"50%"` by the reader). */
function parseProgress(c: Cell): number | null {
	if (typeof c === 'number') return Number.isFinite(c) ? Math.round(c) : null;
	const s = cellText(c).replace(/％/g, '%');
	const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(s);
	if (!m) return null;
	return Math.round(Number(m[1]));
}

/**
 * [T8] Parses the data rows: empty rows and repeated header rows are skipped, a blank 重点任务
 * takes the one above (a cell merged down, once saved as CSV), a blank phase follows the start
 * date. Each row keeps the problems found in its own cells.
 */
export function parseRows(
	matrix: readonly (readonly Cell[])[],
	layout: SheetLayout,
	plan: { start: string },
	phases: EditContext['phases']
): ParsedRow[] {
	const year = Number(plan.start.slice(0, 4)) || new Date().getFullYear();
	const col = new Map(layout.columns.filter((c) => c.field).map((c) => [c.field!, c.column]));
	const out: ParsedRow[] = [];
	let workstream = '';
	for (let r = layout.firstRow; r < matrix.length; r++) {
		const row = matrix[r];
		const get = (f: ImportField): Cell => (col.has(f) ? row[col.get(f)!] : undefined);
		if (row.every((c) => cellText(c) === '')) continue;
		if (layout.columns.some((c) => c.field && cellText(row[c.column]) && normalizeHeader(cellText(row[c.column])) === normalizeHeader(c.header))) continue;
		const fields: TaskPatch = {};
		const problems: RowProblem[] = [];
		const text = (f: 'title' | 'workstream' | 'unit' | 'lead') => {
			if (col.has(f)) fields[f] = cellText(get(f));
		};
		text(F.title);
		text(F.workstream);
		text(F.unit);
		text(F.lead);
		if (col.has(F.workstream)) {
			if (fields.workstream) workstream = fields.workstream;
			else fields.workstream = workstream;
		}
		for (const f of [F.start, F.due] as const) {
			if (!col.has(f)) continue;
			const d = parseDateInput(get(f), year);
			if (d) fields[f] = d;
			else problems.push({ field: f, error: 'invalid_date' });
		}
		if (col.has(F.phase) && cellText(get(F.phase))) {
			const p = wordOf(PHASE_WORDS, PHASES, cellText(get(F.phase)));
			if (p) fields.phase = p;
			else problems.push({ field: F.phase, error: 'invalid_phase' });
		} else if (fields.start) {
			const p = phaseForDate(phases, fields.start);
			if (p) fields.phase = p.key;
		}
		if (col.has(F.status) && cellText(get(F.status))) {
			const s = wordOf(STATUS_WORDS, TASK_STATUSES, cellText(get(F.status)));
			if (s) fields.status = s;
			else problems.push({ field: F.status, error: 'invalid_status' });
		}
		if (col.has(F.progress) && cellText(get(F.progress))) {
			const p = parseProgress(get(F.progress));
			if (p !== null && p >= 0 && p <= 100) fields.progress = p;
			else problems.push({ field: F.progress, error: 'progress_range' });
		}
		const idx = Number(cellText(get('index')));
		out.push({ line: r + 1, index: Number.isInteger(idx) && idx > 0 ? idx : null, fields, problems });
	}
	return out;
}

export interface PlannedRow extends ParsedRow {
	action: 'create' | 'update' | 'skip';
	/** The task a row updates. */
	taskId: string | null;
	/** The checked patch to write (create: every field of the new task). */
	patch: TaskPatch;
}

const blankTask = (id: string): Task => ({
	id,
	title: '',
	workstream: '',
	phase: 'launch',
	unit: '',
	lead: '',
	start: '',
	due: '',
	status: 'todo',
	progress: 0,
	deps: [],
	order: ''
});

const sameTitle = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * [T9] Decides each row: a row whose title matches a task of the plan (ignoring white space), or
 * else whose 序号 is that task's number with the same 重点任务, updates it; any other row creates a
 * task. Each row is checked against the edit rules as the task it would produce; a row with any
 * problem is skipped and reported, the others proceed.
 */
export function planImport(rows: readonly ParsedRow[], tasks: readonly Task[], ctx: EditContext): PlannedRow[] {
	const taken = new Set<string>();
	return rows.map((row) => {
		const problems = [...row.problems];
		const title = row.fields.title ?? '';
		let match = title ? tasks.find((t) => !taken.has(t.id) && sameTitle(t.title, title)) : undefined;
		if (!match && row.index !== null) {
			const t = tasks[row.index - 1];
			if (t && !taken.has(t.id) && (row.fields.workstream ?? '') === t.workstream) match = t;
		}
		if (match) taken.add(match.id);
		const base = match ?? blankTask('import');
		if (!match) {
			if (!title) problems.push({ field: F.title, error: 'title_required' });
			for (const f of [F.start, F.due] as const) {
				if (!row.fields[f] && !problems.some((p) => p.field === f)) problems.push({ field: f, error: 'invalid_date' });
			}
		}
		let patch: TaskPatch = {};
		if (problems.length === 0) {
			const check = checkTaskEdit(base, row.fields, ctx);
			if (check.ok) {
				patch = check.patch;
				// [E4] a done row is complete; a 100% row without a status is done.
				if (check.offer && (check.offer.progress === 100 || row.fields.status === undefined)) Object.assign(patch, check.offer);
			} else problems.push({ field: check.field === 'id' || check.field === F.order || check.field === F.deps ? F.title : check.field, error: check.error });
		}
		const action = problems.length ? 'skip' : match ? 'update' : 'create';
		return { ...row, problems, action, taskId: match?.id ?? null, patch };
	});
}
