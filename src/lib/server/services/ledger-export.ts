/**
 * The work ledger (工作台账) as bureaus print it: tasks × status × evidence × notices × reports on
 * one A4 landscape sheet with a merged title, a subtitle, grouped headers repeated on every page,
 * and the pilot schools' milestones with their evidence on a second sheet. Labels come from the
 * caller; text cells are plain strings (never formulas).
 */
import ExcelJS from 'exceljs';
import { dateCell } from './tasks-export';

export interface LedgerTaskRow {
	index: number;
	title: string;
	phase: string;
	unit: string;
	lead: string;
	start: string;
	due: string;
	status: string;
	progress: number;
	attention: string;
	notice: string;
	report: string;
}

export interface LedgerMilestoneRow {
	school: string;
	title: string;
	phase: string;
	due: string;
	status: string;
	progress: number;
	doneOn: string;
	evidence: number;
	notice: string;
}

export interface LedgerLabels {
	sheet: string;
	sheetMilestones: string;
	title: string;
	subtitle: string;
	groups: { task: string; progress: string; supervision: string };
	columns: Record<keyof LedgerTaskRow, string>;
	milestoneColumns: Record<keyof LedgerMilestoneRow, string>;
	footer: string;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF9AA3AF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF7' } };

/** A4 landscape, one page wide, the first `headRows` rows repeated on every printed page. */
function printSetup(ws: ExcelJS.Worksheet, headRows: number, footer: string) {
	ws.pageSetup = {
		paperSize: 9,
		orientation: 'landscape',
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		horizontalCentered: true,
		printTitlesRow: `1:${headRows}`,
		margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 }
	};
	ws.headerFooter = { oddFooter: footer };
}

function titleRows(ws: ExcelJS.Worksheet, width: number, title: string, subtitle: string) {
	ws.mergeCells(1, 1, 1, width);
	ws.getCell(1, 1).value = title;
	ws.getCell(1, 1).font = { bold: true, size: 16 };
	ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
	ws.getRow(1).height = 30;
	ws.mergeCells(2, 1, 2, width);
	ws.getCell(2, 1).value = subtitle;
	ws.getCell(2, 1).alignment = { horizontal: 'right' };
	ws.getCell(2, 1).font = { color: { argb: 'FF5B6575' } };
}

function headerCells(ws: ExcelJS.Worksheet, row: number, labels: string[]) {
	labels.forEach((l, i) => {
		const c = ws.getCell(row, i + 1);
		c.value = l;
		c.font = { bold: true };
		c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
		c.fill = HEAD_FILL;
		c.border = BORDER;
	});
}

function bodyRow(ws: ExcelJS.Worksheet, values: (string | number | Date)[], wrap: number[], formats: Record<number, string>) {
	const row = ws.addRow(values);
	row.eachCell({ includeEmpty: true }, (c, col) => {
		c.border = BORDER;
		c.alignment = { vertical: 'top', wrapText: wrap.includes(col) };
		if (formats[col]) c.numFmt = formats[col];
	});
}

export async function buildLedgerWorkbook(tasks: LedgerTaskRow[], milestones: LedgerMilestoneRow[], l: LedgerLabels): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.created = new Date();
	const ws = wb.addWorksheet(l.sheet, { views: [{ state: 'frozen', ySplit: 4 }] });
	const keys = ['index', 'title', 'phase', 'unit', 'lead', 'start', 'due', 'status', 'progress', 'attention', 'notice', 'report'] as const;
	const widths = [6, 42, 10, 14, 10, 11, 11, 9, 8, 10, 22, 12];
	widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
	titleRows(ws, keys.length, l.title, l.subtitle);
	// grouped headers: the task (A–G), its progress (H–J), supervision and reports (K–L)
	for (const [from, to, label] of [[1, 7, l.groups.task], [8, 10, l.groups.progress], [11, 12, l.groups.supervision]] as const) {
		for (let col = from; col <= to; col++) Object.assign(ws.getCell(3, col), { fill: HEAD_FILL, border: BORDER });
		ws.mergeCells(3, from, 3, to);
		const c = ws.getCell(3, from);
		c.value = label;
		c.font = { bold: true };
		c.alignment = { horizontal: 'center' };
	}
	headerCells(ws, 4, keys.map((k) => l.columns[k]));
	for (const t of tasks) {
		bodyRow(ws, [t.index, t.title, t.phase, t.unit, t.lead, dateCell(t.start), dateCell(t.due), t.status, Math.max(0, Math.min(100, t.progress)) / 100, t.attention, t.notice, t.report], [2, 4, 11], { 6: 'yyyy-mm-dd', 7: 'yyyy-mm-dd', 9: '0%' });
	}
	printSetup(ws, 4, l.footer);

	const ms = wb.addWorksheet(l.sheetMilestones, { views: [{ state: 'frozen', ySplit: 3 }] });
	const mkeys = ['school', 'title', 'phase', 'due', 'status', 'progress', 'doneOn', 'evidence', 'notice'] as const;
	[18, 40, 10, 11, 9, 8, 11, 10, 22].forEach((w, i) => (ms.getColumn(i + 1).width = w));
	titleRows(ms, mkeys.length, l.title, l.subtitle);
	headerCells(ms, 3, mkeys.map((k) => l.milestoneColumns[k]));
	for (const m of milestones) {
		bodyRow(ms, [m.school, m.title, m.phase, dateCell(m.due), m.status, Math.max(0, Math.min(100, m.progress)) / 100, m.doneOn ? dateCell(m.doneOn) : '', m.evidence, m.notice], [2, 9], { 4: 'yyyy-mm-dd', 6: '0%', 7: 'yyyy-mm-dd' });
	}
	printSetup(ms, 3, l.footer);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
