/**
 * Reading an uploaded task breakdown table into plain cells for `$lib/shared/plan/import-map`: .xlsx by
 * exceljs (merged cells read as their master's value, formulas as their result, percent-formatted
 * numbers as `50%`), .csv by papaparse (UTF-8, a BOM dropped; GB18030 files from older WPS
 * versions are decoded as such when they are not valid UTF-8). The type is decided by content.
 * Errors are values, never exceptions ([T7]).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Cell } from '../../shared/plan/import-map';

export type SheetRead = { ok: true; matrix: Cell[][]; kind: 'xlsx' | 'csv' } | { ok: false; error: 'unsupported_type' | 'unreadable' | 'too_many_rows' };

export const IMPORT_MAX_ROWS = 20_000;

function cellValue(cell: ExcelJS.Cell): Cell {
	const v = cell.value;
	if (v === null || v === undefined) return null;
	if (v instanceof Date) return v;
	if (typeof v === 'number') return typeof cell.numFmt === 'string' && cell.numFmt.includes('%') ? `${Math.round(v * 1000) / 10}%` : v;
	if (typeof v === 'string' || typeof v === 'boolean') return v;
	if (typeof v === 'object') {
		if ('result' in v) {
			const r = (v as { result?: unknown }).result;
			return r instanceof Date || typeof r === 'number' || typeof r === 'string' ? r : null;
		}
		if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
		if ('text' in v) return String((v as { text: unknown }).text);
		if ('error' in v) return null;
	}
	return cell.text ?? null;
}

async function readXlsx(bytes: Uint8Array): Promise<SheetRead> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
	} catch {
		return { ok: false, error: 'unreadable' };
	}
	const ws = wb.worksheets.find((w) => w.rowCount > 0);
	if (!ws) return { ok: true, matrix: [], kind: 'xlsx' };
	if (ws.rowCount > IMPORT_MAX_ROWS) return { ok: false, error: 'too_many_rows' };
	const matrix: Cell[][] = [];
	const width = Math.min(ws.columnCount, 60);
	for (let r = 1; r <= ws.rowCount; r++) {
		const row = ws.getRow(r);
		const cells: Cell[] = [];
		for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c)));
		matrix.push(cells);
	}
	return { ok: true, matrix, kind: 'xlsx' };
}

function decodeText(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		try {
			return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
		} catch {
			return null;
		}
	}
}

function readCsv(bytes: Uint8Array): SheetRead {
	const text = decodeText(bytes);
	// Text with control characters other than tab and line breaks is not a table (a renamed binary).
	if (text === null || /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) return { ok: false, error: 'unsupported_type' };
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
	if (parsed.data.length > IMPORT_MAX_ROWS) return { ok: false, error: 'too_many_rows' };
	return { ok: true, matrix: parsed.data, kind: 'csv' };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** The cells of an uploaded .xlsx or .csv, by content; a legacy .xls or anything else is refused. */
export async function readSheet(bytes: Uint8Array): Promise<SheetRead> {
	const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(ZIP)) return readXlsx(bytes);
	if (starts(OLE)) return { ok: false, error: 'unsupported_type' };
	return readCsv(bytes);
}
