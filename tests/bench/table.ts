/** Renders the benchmark rows as an aligned plain-text table (no colours: it also goes to CI logs). */

export interface Row {
	metric: string;
	ours?: number | null;
	reference?: number | null;
	hocuspocus?: number | null;
	unit: string;
	/** `ours ≤ reference`, `< 2000`, …: shown as written. */
	target?: string;
	pass?: boolean | null;
	note?: string;
}

/** `undefined`: not applicable (blank); `null`/NaN: applicable but not measured (—). */
function fmt(v: number | null | undefined, unit: string): string {
	if (v === undefined) return '';
	if (v === null || Number.isNaN(v)) return '—';
	const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
	return `${v.toFixed(digits)} ${unit}`;
}

export function ratio(ours?: number | null, reference?: number | null): number | null {
	if (ours == null || reference == null || !Number.isFinite(ours) || !reference) return null;
	return ours / reference;
}

export function renderTable(rows: Row[]): string {
	const header = ['metric', 'ours', 'reference', 'ours/ref', 'hocuspocus', 'ours/hp', 'target', 'result', 'note'];
	const times = (peer: number | null | undefined, r: Row) => {
		const q = ratio(r.ours, peer);
		return q !== null ? `${q.toFixed(2)}×` : r.ours !== undefined && peer !== undefined ? '—' : '';
	};
	const body = rows.map((r) => {
		return [
			r.metric,
			fmt(r.ours, r.unit),
			fmt(r.reference, r.unit),
			times(r.reference, r),
			fmt(r.hocuspocus, r.unit),
			times(r.hocuspocus, r),
			r.target ?? '',
			r.pass === undefined || r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL',
			r.note ?? ''
		];
	});
	const all = [header, ...body];
	const width = header.map((_, i) => Math.max(...all.map((row) => [...row[i]].length)));
	const numeric = new Set([1, 2, 3, 4, 5]);
	const line = (row: string[]) =>
		row
			.map((cell, i) => {
				const pad = ' '.repeat(width[i] - [...cell].length);
				return numeric.has(i) ? pad + cell : cell + pad;
			})
			.join('  ')
			.trimEnd();
	const rule = width.map((w) => '─'.repeat(w)).join('  ');
	return [line(header), rule, ...body.map(line)].join('\n');
}
