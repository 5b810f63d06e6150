/**
 * Tab-separated text as Excel and WPS put it on the clipboard, and back. A cell holding a tab, a
 * line break or a leading quote is wrapped in quotes with inner quotes doubled; rows end in CRLF
 * (Excel) or LF, and the newline Excel adds after the last row is not an extra row. Pure, so the
 * grid's paste and copy are tested with plain strings ([T1], [T2]).
 */

/** [T1] Parses clipboard text into rows of cells. Never throws; an unmatched quote runs to the end. */
export function parseTsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let i = 0;
	const n = text.length;
	let atCellStart = true;
	while (i < n) {
		const ch = text[i];
		if (atCellStart && ch === '"') {
			// A quoted cell: up to the closing quote that is not doubled.
			let j = i + 1;
			let value = '';
			let closed = false;
			while (j < n) {
				if (text[j] === '"') {
					if (text[j + 1] === '"') {
						value += '"';
						j += 2;
						continue;
					}
					closed = true;
					j++;
					break;
				}
				value += text[j++];
			}
			// Text after the closing quote (`"a"b`) belongs to the cell, as Excel reads it.
			if (closed && j < n && text[j] !== '\t' && text[j] !== '\n' && text[j] !== '\r') {
				cell = `"${value}"`;
				i = j;
				atCellStart = false;
				continue;
			}
			cell = value;
			i = j;
			atCellStart = false;
			continue;
		}
		atCellStart = false;
		if (ch === '\t') {
			row.push(cell);
			cell = '';
			atCellStart = true;
			i++;
		} else if (ch === '\r' || ch === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			atCellStart = true;
			i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			cell += ch;
			i++;
		}
	}
	// The last row, unless the text ended with its newline (Excel always adds one).
	if (!atCellStart || row.length > 0 || cell !== '') {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}

/** A cell as Excel writes it: quoted when it holds a tab, a line break or starts with a quote. */
function quoteCell(value: string): string {
	return /[\t\r\n]|^"/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** [T2] Rows of cells as clipboard text that Excel and WPS paste back into the same cells. */
export function toTsv(rows: readonly (readonly string[])[]): string {
	return rows.map((r) => r.map(quoteCell).join('\t')).join('\r\n') + (rows.length ? '\r\n' : '');
}

export interface PastePlan<F extends string> {
	/** Cells landing on existing tasks: task id → field → pasted text. */
	edits: { id: string; values: Partial<Record<F, string>> }[];
	/** Rows of the block past the last row: each becomes a new task. */
	extra: Partial<Record<F, string>>[];
}

/**
 * [T13] Where a pasted block lands: from the selected cell rightwards over the grid's columns and
 * downwards over the rows shown (group headers are stepped over). Columns that cannot be edited
 * and cells beyond the last column are dropped; rows beyond the last row become new tasks.
 */
export function planPaste<F extends string>(
	block: readonly (readonly string[])[],
	start: { row: number; col: number },
	rowIds: readonly (string | null)[],
	columns: readonly string[],
	editable: (field: string) => field is F
): PastePlan<F> {
	const plan: PastePlan<F> = { edits: [], extra: [] };
	let r = start.row;
	for (const cells of block) {
		while (r < rowIds.length && rowIds[r] === null) r++;
		const values: Partial<Record<F, string>> = {};
		cells.forEach((text, j) => {
			const field = columns[start.col + j];
			if (field !== undefined && editable(field)) values[field] = text;
		});
		if (r < rowIds.length) plan.edits.push({ id: rowIds[r]!, values });
		else plan.extra.push(values);
		r++;
	}
	return plan;
}
