/**
 * The task breakdown table (任务分解表) as an Excel workbook: one row per task in plan order, a
 * frozen header row, dates as real date cells and progress as a percentage. Labels come from the
 * caller (the route translates them), so this module stays free of i18n and SvelteKit.
 */
import ExcelJS from 'exceljs';
import type { PhaseKey, Task, TaskStatus } from '../../shared/plan/types';
import { TASK_FIELD as F } from '../../shared/sync/kinds/plan';

export interface ExportLabels {
	sheet: string;
	columns: {
		index: string;
		workstream: string;
		title: string;
		unit: string;
		lead: string;
		start: string;
		due: string;
		phase: string;
		status: string;
		progress: string;
	};
	phase: Record<PhaseKey, string>;
	status: Record<TaskStatus, string>;
}

/** A `YYYY-MM-DD` string as a UTC-midnight Date (what Excel shows as that day), else the string. */
export function dateCell(value: string): Date | string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return value;
	return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/**
 * The workbook of `tasks` (a whole plan or a filtered view of it). `numbers` gives each task its
 * 序号 in the whole plan, so a filtered export re-imports onto the same tasks; without it rows
 * are numbered in order.
 */
export async function buildTasksWorkbook(tasks: Task[], labels: ExportLabels, numbers?: ReadonlyMap<string, number>): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.created = new Date();
	const ws = wb.addWorksheet(labels.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
	const c = labels.columns;
	ws.columns = [
		{ header: c.index, key: 'index', width: 6 },
		{ header: c.workstream, key: F.workstream, width: 24 },
		{ header: c.title, key: F.title, width: 40 },
		{ header: c.unit, key: F.unit, width: 18 },
		{ header: c.lead, key: F.lead, width: 12 },
		{ header: c.start, key: F.start, width: 12, style: { numFmt: 'yyyy-mm-dd' } },
		{ header: c.due, key: F.due, width: 12, style: { numFmt: 'yyyy-mm-dd' } },
		{ header: c.phase, key: F.phase, width: 10 },
		{ header: c.status, key: F.status, width: 10 },
		{ header: c.progress, key: F.progress, width: 8, style: { numFmt: '0%' } }
	];
	tasks.forEach((t, i) => {
		const row = ws.addRow({
			index: numbers?.get(t.id) ?? i + 1,
			workstream: t.workstream,
			title: t.title,
			unit: t.unit,
			lead: t.lead,
			start: dateCell(t.start),
			due: dateCell(t.due),
			phase: labels.phase[t.phase] ?? t.phase,
			status: labels.status[t.status] ?? t.status,
			progress: Math.max(0, Math.min(100, t.progress)) / 100
		});
		row.getCell(F.title).alignment = { wrapText: true, vertical: 'top' };
		row.getCell(F.workstream).alignment = { wrapText: true, vertical: 'top' };
	});
	styleHeader(ws);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The bureaus' header row: bold, centred, shaded, with a filter over every column. */
export function styleHeader(ws: ExcelJS.Worksheet): void {
	const header = ws.getRow(1);
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', horizontal: 'center' };
	header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
	ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
}

/** A workbook download named `filename` (never cached: it holds the plan's current state). */
export function workbookResponse(buffer: Buffer, filename: string): Response {
	return new Response(new Uint8Array(buffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': attachmentDisposition(filename),
			'content-length': String(buffer.length),
			'cache-control': 'no-store'
		}
	});
}

/**
 * A CSV cell: a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at its
 * start) gets a leading apostrophe, as OWASP advises; cells with a comma, quote or line break are
 * quoted.
 */
function csvCell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The same table as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * mojibake), CRLF line ends, dates as `YYYY-MM-DD`, progress as a whole percentage number.
 */
export function buildTasksCsv(tasks: Task[], labels: ExportLabels, numbers?: ReadonlyMap<string, number>): string {
	const c = labels.columns;
	const lines = [[c.index, c.workstream, c.title, c.unit, c.lead, c.start, c.due, c.phase, c.status, c.progress].map(csvCell).join(',')];
	tasks.forEach((t, i) => {
		lines.push(
			[
				numbers?.get(t.id) ?? i + 1,
				t.workstream,
				t.title,
				t.unit,
				t.lead,
				t.start,
				t.due,
				labels.phase[t.phase] ?? t.phase,
				labels.status[t.status] ?? t.status,
				`${Math.max(0, Math.min(100, t.progress))}%`
			]
				.map(csvCell)
				.join(',')
		);
	});
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * `Content-Disposition` for a download named after the plan: an ASCII fallback plus the exact
 * name RFC 5987-encoded (`filename*=UTF-8''…`), which every current browser prefers.
 */
export function attachmentDisposition(filename: string): string {
	const cleaned = filename.replace(/[\u0000-\u001f\u007f/\\]/g, '_');
	const ascii = cleaned.replace(/[^\x20-\x7e]/g, '_').replace(/["%;]/g, '_');
	const encoded = encodeURIComponent(cleaned).replace(
		/['()*!]/g,
		(ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase()
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
