/**
 * [N3] Delimited text as a bureau's tools write it (CSV from Excel or WPS, tab-separated from the
 * clipboard): an optional UTF-8 BOM, quoted cells holding delimiters, doubled quotes and line
 * breaks, CRLF or LF rows, and the trailing newline that must not become an empty row.
 */
export function parseDelimited(text: string, delimiter = text.includes('\t') && !text.includes(',') ? '\t' : ','): string[][] {
	const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < src.length; i++) {
		const ch = src[i];
		if (quoted) {
			if (ch === '"') {
				if (src[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else cell += ch;
			continue;
		}
		if (ch === '"' && cell === '') quoted = true;
		else if (ch === delimiter) {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && src[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows;
}
