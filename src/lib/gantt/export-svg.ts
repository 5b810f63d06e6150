/**
 * The whole Gantt as one standalone SVG document (export and print), drawn from the same layout
 * as the live chart ([G1]–[G6]) but with every row, not only those in view. Pure: labels come in
 * as functions, so it runs in tests and on any page. `slice` cuts a print page: a range of rows
 * and of the time axis, with the names column, header and legend repeated on each.
 */
import { attentionState } from '../shared/plan/attention';
import type { TaskSchedule } from '../shared/plan/critical-path';
import { slipDays, type BaselineDates } from '../shared/plan/baselines';
import { expectedProgress } from '../shared/plan/schedule';
import type { DayCounter } from '../shared/calendar/day-counter';
import type { IsoDate, Phase, PhaseKey } from '../shared/plan/types';
import { axisTicks, barGeometry, BAR_HEIGHT, dependencyPath, ROW_HEIGHT, xOf, type Link, type Row, type TimeAxis, type Zoom } from './layout';
import { PHASE_COLORS, PHASE_INK, STATE_STYLES, stateFill, svgDefs } from './states';
import { ATTENTION_STATES, type AttentionState } from '../shared/plan/attention';

export interface SvgLabels {
	phase: (k: PhaseKey) => string;
	state: (s: AttentionState) => string;
	group: (key: string) => string;
	upperTick: (date: IsoDate) => string;
	lowerTick: (date: IsoDate) => string;
	today: string;
	critical: string;
	baseline: string;
	expected: string;
	slip: (days: number) => string;
}

export interface SvgModel {
	title: string;
	/** e.g. "导出于 2026-05-01" */
	subtitle: string;
	rows: readonly Row[];
	links: readonly Link[];
	axis: TimeAxis;
	zoom: Zoom;
	phases: readonly Phase[];
	today: IsoDate;
	/** How the plan counts days ([WD9]); calendar days when not given. */
	days?: DayCounter;
	critical?: ReadonlyMap<string, TaskSchedule> | null;
	baseline?: BaselineDates | null;
	labels: SvgLabels;
	namesWidth?: number;
}

export interface SvgSlice {
	rowFrom: number;
	rowTo: number;
	x0: number;
	x1: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const TOP = 64; // title, subtitle, legend
const HEAD = 60;
const FONT = `font-family="'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif"`;

/** [G10] The SVG markup of the model (or of one slice of it), with title, date, legend, header and names column. */
export function ganttSvg(model: SvgModel, slice?: SvgSlice): string {
	const { axis, labels } = model;
	const nw = model.namesWidth ?? 300;
	const rowFrom = slice?.rowFrom ?? 0;
	const rowTo = slice?.rowTo ?? model.rows.length;
	const x0 = slice?.x0 ?? 0;
	const x1 = slice?.x1 ?? axis.width;
	const chartW = x1 - x0;
	const bodyH = (rowTo - rowFrom) * ROW_HEIGHT;
	const width = Math.ceil(nw + chartW);
	const height = Math.ceil(TOP + HEAD + bodyH);
	const o: string[] = [];
	o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`);
	o.push(`<defs>${svgDefs('x')}<clipPath id="x-chart"><rect x="${nw}" y="${TOP}" width="${chartW}" height="${HEAD + bodyH}"/></clipPath></defs>`);
	o.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
	o.push(`<text x="8" y="22" font-size="18" font-weight="700" fill="#111827">${esc(model.title)}</text>`);
	o.push(`<text x="8" y="42" font-size="12" fill="#475569">${esc(model.subtitle)}</text>`);
	// Legend: every state's colour and pattern, critical, baseline, expected progress, today.
	let lx = 8;
	const ly = 52;
	for (const s of ATTENTION_STATES) {
		o.push(`<rect x="${lx}" y="${ly}" width="16" height="9" fill="${stateFill(s, 'x')}" stroke="${STATE_STYLES[s].color}"/>`);
		const text = `${STATE_STYLES[s].mark ? STATE_STYLES[s].mark + ' ' : ''}${labels.state(s)}`;
		o.push(`<text x="${lx + 20}" y="${ly + 8}" font-size="10" fill="#1f2937">${esc(text)}</text>`);
		lx += 28 + text.length * 10;
	}
	o.push(`<rect x="${lx}" y="${ly}" width="16" height="9" fill="#fff" stroke="#111827" stroke-width="2"/><text x="${lx + 20}" y="${ly + 8}" font-size="10">${esc(labels.critical)}</text>`);
	lx += 36 + labels.critical.length * 10;
	o.push(`<rect x="${lx}" y="${ly + 4}" width="16" height="5" fill="#64748b" opacity="0.45"/><text x="${lx + 20}" y="${ly + 8}" font-size="10">${esc(labels.baseline)}</text>`);
	lx += 36 + labels.baseline.length * 10;
	o.push(`<path d="M${lx + 8},${ly - 1} V${ly + 10}" stroke="#111827" stroke-width="2"/><text x="${lx + 14}" y="${ly + 8}" font-size="10">${esc(labels.expected)}</text>`);
	lx += 30 + labels.expected.length * 10;
	o.push(`<path d="M${lx + 8},${ly - 1} V${ly + 10}" stroke="#be123c" stroke-dasharray="3 2" stroke-width="1.5"/><text x="${lx + 14}" y="${ly + 8}" font-size="10">${esc(labels.today)}</text>`);

	// Chart area (clipped to the slice, shifted so x0 is at the names column's edge).
	const dx = nw - x0;
	const dy = TOP + HEAD - rowFrom * ROW_HEIGHT;
	o.push(`<g clip-path="url(#x-chart)">`);
	const ticks = axisTicks(axis, model.zoom);
	for (const p of model.phases) {
		const g = barGeometry(axis, p.start, p.end);
		if (!g) continue;
		o.push(`<rect x="${g.x + dx}" y="${TOP}" width="${g.width}" height="${HEAD + bodyH}" fill="${PHASE_COLORS[p.key]}"/>`);
		o.push(`<text x="${Math.max(g.x, x0) + dx + 6}" y="${TOP + 14}" font-size="12" font-weight="600" fill="${PHASE_INK[p.key]}">${esc(labels.phase(p.key))}</text>`);
		o.push(`<line x1="${g.x + dx}" x2="${g.x + dx}" y1="${TOP}" y2="${TOP + HEAD + bodyH}" stroke="#94a3b8" stroke-dasharray="3 3"/>`);
	}
	for (const t of ticks.upper) {
		if (t.x + t.width < x0 || t.x > x1) continue;
		o.push(`<line x1="${t.x + dx}" x2="${t.x + dx}" y1="${TOP + 20}" y2="${TOP + HEAD + bodyH}" stroke="#e2e8f0"/>`);
		o.push(`<text x="${Math.max(t.x, x0) + dx + 4}" y="${TOP + 34}" font-size="11" fill="#334155">${esc(labels.upperTick(t.date))}</text>`);
	}
	for (const t of ticks.lower) {
		if (t.x + t.width < x0 || t.x > x1 || t.width < 14) continue;
		o.push(`<text x="${t.x + t.width / 2 + dx}" y="${TOP + 54}" font-size="10" fill="#64748b" text-anchor="middle">${esc(labels.lowerTick(t.date))}</text>`);
	}
	o.push(`<line x1="${nw}" x2="${width}" y1="${TOP + HEAD}" y2="${TOP + HEAD}" stroke="#c5cdd9"/>`);
	const tx = xOf(axis, model.today) + axis.pxPerDay / 2 + dx;
	o.push(`<line x1="${tx}" x2="${tx}" y1="${TOP + 20}" y2="${TOP + HEAD + bodyH}" stroke="#be123c" stroke-width="1.5" stroke-dasharray="4 3"/>`);

	const rowOf = new Map<string, number>();
	for (const r of model.rows) if (r.kind === 'task') rowOf.set(r.task.id, r.index);
	const taskOf = new Map(model.rows.flatMap((r) => (r.kind === 'task' ? [[r.task.id, r.task] as const] : [])));
	for (const l of model.links) {
		const a = taskOf.get(l.from);
		const b = taskOf.get(l.to);
		const ra = rowOf.get(l.from);
		const rb = rowOf.get(l.to);
		if (!a || !b || ra === undefined || rb === undefined) continue;
		if (Math.max(ra, rb) < rowFrom || Math.min(ra, rb) >= rowTo) continue;
		const ga = barGeometry(axis, a.start, a.due);
		const gb = barGeometry(axis, b.start, b.due);
		if (!ga || !gb) continue;
		const d = dependencyPath(ga.x + ga.width + dx, ra * ROW_HEIGHT + ROW_HEIGHT / 2 + dy, gb.x + dx, rb * ROW_HEIGHT + ROW_HEIGHT / 2 + dy);
		o.push(`<path d="${d}" fill="none" stroke="#475569" stroke-width="1.1" marker-end="url(#x-arrow)"/>`);
	}
	for (const r of model.rows.slice(rowFrom, rowTo)) {
		const y = r.index * ROW_HEIGHT + dy;
		if (r.kind === 'group') {
			o.push(`<rect x="${nw}" y="${y}" width="${chartW}" height="${ROW_HEIGHT}" fill="rgb(148 163 184 / 12%)"/>`);
			continue;
		}
		const t = r.task;
		const g = barGeometry(axis, t.start, t.due);
		if (!g || g.x + g.width < x0 - 200 || g.x > x1) continue;
		const state = attentionState(t, model.today, model.days);
		const st = STATE_STYLES[state];
		const by = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
		const crit = model.critical?.get(t.id)?.critical;
		const b = model.baseline?.get(t.id);
		if (b) {
			const bg = barGeometry(axis, b.start, b.due);
			if (bg) o.push(`<rect x="${bg.x + dx}" y="${by + BAR_HEIGHT - 3}" width="${bg.width}" height="7" rx="2" fill="#64748b" opacity="0.45"/>`);
		}
		const stroke = crit ? ' stroke="#111827" stroke-width="2"' : ' stroke="rgb(15 23 42 / 25%)"';
		if (g.milestone) {
			const cx = g.x + g.width / 2 + dx;
			const cy = y + ROW_HEIGHT / 2;
			o.push(`<path d="M${cx},${cy - 9} L${cx + 9},${cy} L${cx},${cy + 9} L${cx - 9},${cy} Z" fill="${st.color}"${stroke}/>`);
		} else {
			const progress = t.status === 'done' ? 100 : t.progress;
			o.push(`<rect x="${g.x + dx}" y="${by}" width="${g.width}" height="${BAR_HEIGHT}" rx="3" fill="${stateFill(state, 'x')}"${stroke}/>`);
			o.push(`<rect x="${g.x + dx}" y="${by}" width="${(g.width * progress) / 100}" height="${BAR_HEIGHT}" rx="3" fill="${st.color}"/>`);
			if (t.status !== 'done') {
				const ex = g.x + dx + (g.width * expectedProgress(t, model.today, model.days)) / 100;
				o.push(`<path d="M${ex},${by - 3} V${by + BAR_HEIGHT + 3}" stroke="#111827" stroke-width="2"/>`);
			}
		}
		const slip = model.baseline ? slipDays(t, model.baseline) : null;
		const mark = `${st.mark}${slip ? ` ${labels.slip(slip)}` : ''}`;
		if (mark.trim()) o.push(`<text x="${g.x + g.width + dx + 5}" y="${y + ROW_HEIGHT / 2 + 4}" font-size="11" font-weight="700" fill="${st.color}">${esc(mark)}</text>`);
	}
	o.push(`</g>`);

	// The names column, repeated on every slice.
	o.push(`<rect x="0" y="${TOP}" width="${nw}" height="${HEAD + bodyH}" fill="#fff"/>`);
	o.push(`<line x1="${nw}" x2="${nw}" y1="${TOP}" y2="${TOP + HEAD + bodyH}" stroke="#c5cdd9"/>`);
	o.push(`<line x1="0" x2="${nw}" y1="${TOP + HEAD}" y2="${TOP + HEAD}" stroke="#c5cdd9"/>`);
	for (const r of model.rows.slice(rowFrom, rowTo)) {
		const y = r.index * ROW_HEIGHT + dy;
		if (r.kind === 'group') {
			o.push(`<rect x="0" y="${y}" width="${nw}" height="${ROW_HEIGHT}" fill="#f8fafc"/><text x="8" y="${y + 19}" font-size="12" font-weight="700" fill="#1f2937">${esc(labels.group(r.key))} (${r.count})</text>`);
		} else {
			const title = r.task.title.length > 17 ? r.task.title.slice(0, 16) + '…' : r.task.title;
			o.push(`<text x="6" y="${y + 19}" font-size="11" fill="#64748b">${r.number}</text>`);
			o.push(`<text x="32" y="${y + 19}" font-size="12" fill="#111827">${esc(title)}</text>`);
			o.push(`<text x="${nw - 6}" y="${y + 19}" font-size="10" fill="#64748b" text-anchor="end">${esc(r.task.start.slice(5))}–${esc(r.task.due.slice(5))}</text>`);
		}
		o.push(`<line x1="0" x2="${width}" y1="${y + ROW_HEIGHT}" y2="${y + ROW_HEIGHT}" stroke="#eef1f5"/>`);
	}
	o.push(`</svg>`);
	return o.join('');
}

/**
 * [G11] Print pages: the rows cut into page-high runs and the time axis into page-wide runs,
 * row runs first (a page-wide strip of time goes down the whole plan before the next strip).
 */
export function printSlices(rowCount: number, axisWidth: number, page: { width: number; height: number }, namesWidth = 300): SvgSlice[] {
	const rowsPerPage = Math.max(1, Math.floor((page.height - TOP - HEAD) / ROW_HEIGHT));
	const chartPerPage = Math.max(100, page.width - namesWidth);
	const out: SvgSlice[] = [];
	for (let x0 = 0; x0 < axisWidth; x0 += chartPerPage) {
		for (let r = 0; r < Math.max(1, rowCount); r += rowsPerPage) {
			out.push({ rowFrom: r, rowTo: Math.min(rowCount, r + rowsPerPage), x0, x1: Math.min(axisWidth, x0 + chartPerPage) });
		}
	}
	return out;
}

/** Browser only: the SVG drawn onto a canvas, as a PNG blob (fonts from the page). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
	const img = new Image();
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('svg image failed to load'));
			img.src = url;
		});
		// Canvas limits (≈ 16k px a side in Chromium): a huge plan is scaled down to fit.
		const s = Math.min(scale, 16_000 / img.width, 16_000 / img.height);
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.floor(img.width * s));
		canvas.height = Math.max(1, Math.floor(img.height * s));
		const ctx = canvas.getContext('2d')!;
		ctx.scale(s, s);
		ctx.drawImage(img, 0, 0);
		return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}
