/**
 * A briefing (通报) as an A4 PDF: title, period, the leading group's text section by section,
 * and its charts (what is behind by unit and school, indicator movement against target, visits by
 * kind) drawn from the briefing's figures with d3 scales. Labels come translated from the caller.
 */
import PDFDocument from 'pdfkit';
import { scaleLinear } from 'd3';
import type { BriefingFigures, BriefingSection, BriefingText } from '../../shared/supervision/briefing';
import { BRIEFING_SECTIONS } from '../../shared/supervision/briefing';
import type { CjkFont } from './font';

export interface PdfLabels {
	plan: string;
	period: string;
	stamp: string;
	sections: Record<BriefingSection, string>;
	charts: { behind: string; indicators: string; visits: string };
	legend: { overdue: string; behind: string; blocked: string };
	columns: { indicator: string; from: string; to: string; target: string; met: string };
	yes: string;
	no: string;
	none: string;
	reports: string;
	notices: string;
	/** The change-request line, or null for a briefing published before they were counted. */
	changes: string | null;
	visitKind: (kind: string) => string;
	page: (n: number, of: number) => string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const WIDTH = A4.width - 2 * MARGIN;
const COLORS = { overdue: '#b42318', behind: '#d0a000', blocked: '#8a94a6', bar: '#2563eb', target: '#111827', muted: '#5b6575', grid: '#e5e7eb' };

type Doc = PDFKit.PDFDocument;

/** Starts a new page when fewer than `need` points are left. */
function room(doc: Doc, need: number) {
	if (doc.y + need > A4.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string) {
	room(doc, 60);
	doc.moveDown(0.6).font('bold').fontSize(13).fillColor('#111827').text(text, MARGIN, doc.y, { width: WIDTH });
	doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string) {
	for (const para of text.split(/\n+/).filter((p) => p.trim())) {
		room(doc, 30);
		doc.font('regular').fontSize(10.5).fillColor('#111827').text(para, MARGIN, doc.y, { width: WIDTH, lineGap: 3.5, indent: 21, align: 'justify' });
		doc.moveDown(0.3);
	}
}

function chartTitle(doc: Doc, text: string, need: number) {
	room(doc, need + 24);
	doc.moveDown(0.4).font('bold').fontSize(10).fillColor(COLORS.muted).text(text, MARGIN, doc.y, { width: WIDTH });
	doc.moveDown(0.3);
}

/** Stacked horizontal bars: overdue, behind, blocked per unit or school (the worst ten). */
function behindChart(doc: Doc, f: BriefingFigures, l: PdfLabels) {
	const rows = [...f.behindByUnit, ...f.behindBySchool].slice(0, 10);
	if (!rows.length) return;
	const rowH = 16;
	chartTitle(doc, l.charts.behind, rows.length * rowH + 20);
	const labelW = 150;
	const max = Math.max(1, ...rows.map((r) => r.overdue + r.behind + r.blocked));
	const x = scaleLinear().domain([0, max]).range([0, WIDTH - labelW - 30]);
	let y = doc.y;
	for (const r of rows) {
		doc.font('regular').fontSize(8.5).fillColor('#111827').text(r.name || l.none, MARGIN, y + 3, { width: labelW - 6, height: rowH, ellipsis: true, lineBreak: false });
		let at = MARGIN + labelW;
		for (const k of ['overdue', 'behind', 'blocked'] as const) {
			const w = x(r[k]);
			if (w > 0) doc.rect(at, y + 2, w, rowH - 5).fill(COLORS[k]);
			at += w;
		}
		doc.fillColor(COLORS.muted).fontSize(8).text(String(r.overdue + r.behind + r.blocked), at + 4, y + 3, { lineBreak: false });
		y += rowH;
	}
	y += 4;
	let lx = MARGIN + labelW;
	for (const k of ['overdue', 'behind', 'blocked'] as const) {
		doc.rect(lx, y + 2, 8, 8).fill(COLORS[k]);
		doc.fillColor(COLORS.muted).fontSize(8).text(l.legend[k], lx + 11, y + 1, { lineBreak: false });
		lx += 70;
	}
	doc.y = y + 18;
	doc.x = MARGIN;
}

/** Each indicator: a row with start, end, target and a bar of the end value against the target line. */
function indicatorTable(doc: Doc, f: BriefingFigures, l: PdfLabels) {
	if (!f.indicators.length) return;
	const rowH = 17;
	chartTitle(doc, l.charts.indicators, Math.min(f.indicators.length, 6) * rowH + 20);
	const cols = [210, 48, 48, 48, 30];
	const barX = MARGIN + cols.reduce((a, b) => a + b, 0) + 6;
	const barW = WIDTH - (barX - MARGIN);
	const head = [l.columns.indicator, l.columns.from, l.columns.to, l.columns.target, l.columns.met];
	let y = doc.y;
	const row = (cells: string[], bold: boolean, color = '#111827') => {
		let cx = MARGIN;
		cells.forEach((c, i) => {
			doc.font(bold ? 'bold' : 'regular').fontSize(8.5).fillColor(color).text(c, cx, y + 4, { width: cols[i] - 4, height: rowH, ellipsis: true, lineBreak: false, align: i === 0 ? 'left' : 'right' });
			cx += cols[i];
		});
	};
	row(head, true, COLORS.muted);
	y += rowH;
	const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${Math.round(v * 10) / 10}${unit}`);
	for (const i of f.indicators) {
		if (y + rowH > A4.height - MARGIN) {
			doc.addPage();
			y = doc.y;
		}
		doc.moveTo(MARGIN, y).lineTo(MARGIN + WIDTH, y).lineWidth(0.5).strokeColor(COLORS.grid).stroke();
		row([i.name, fmt(i.from, i.unit), fmt(i.to, i.unit), `${i.op === '>=' ? '≥' : '≤'}${i.target}${i.unit}`, i.met === null ? '—' : i.met ? l.yes : l.no], false);
		const top = Math.max(i.target, i.to ?? 0, i.from ?? 0) * 1.1 || 1;
		const x = scaleLinear().domain([0, top]).range([0, barW]);
		if (i.to !== null) doc.rect(barX, y + 5, x(i.to), rowH - 9).fill(i.met ? '#1d6b3a' : COLORS.bar);
		const tx = barX + x(i.target);
		doc.moveTo(tx, y + 2).lineTo(tx, y + rowH - 2).lineWidth(1.2).strokeColor(COLORS.target).stroke();
		y += rowH;
	}
	doc.y = y + 6;
	doc.x = MARGIN;
}

/** Vertical bars: the period's visits by kind. */
function visitsChart(doc: Doc, f: BriefingFigures, l: PdfLabels) {
	const kinds = Object.entries(f.visits.byKind).filter(([, n]) => (n ?? 0) > 0) as [string, number][];
	if (!kinds.length) return;
	const h = 110;
	chartTitle(doc, l.charts.visits, h + 30);
	const top = doc.y;
	const max = Math.max(...kinds.map(([, n]) => n));
	// 14 pt above the tallest bar for its count
	const y = scaleLinear().domain([0, max]).range([0, h - 34]);
	const slot = Math.min(80, WIDTH / kinds.length);
	kinds.forEach(([k, n], i) => {
		const x = MARGIN + i * slot + slot * 0.2;
		const bh = y(n);
		doc.rect(x, top + h - 20 - bh, slot * 0.6, bh).fill(COLORS.bar);
		doc.fillColor('#111827').fontSize(8).font('regular').text(String(n), x, top + h - 32 - bh, { width: slot * 0.6, align: 'center', lineBreak: false });
		doc.fillColor(COLORS.muted).text(l.visitKind(k), MARGIN + i * slot, top + h - 16, { width: slot, align: 'center', height: 20, ellipsis: true });
	});
	doc.y = top + h + 8;
	doc.x = MARGIN;
}

/** Renders the briefing; resolves with the PDF's bytes. */
export function briefingPdf(b: { title: string; sections: BriefingText; figures: BriefingFigures }, l: PdfLabels, font: CjkFont): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, info: { Title: b.title, Subject: l.plan } });
	doc.registerFont('regular', font.regular.path, font.regular.family);
	doc.registerFont('bold', font.bold.path, font.bold.family);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	doc.font('bold').fontSize(18).fillColor('#111827').text(b.title, { align: 'center' });
	doc.moveDown(0.3).font('regular').fontSize(10).fillColor(COLORS.muted).text(`${l.plan}　${l.period}`, { align: 'center' });
	doc.text(l.stamp, { align: 'center' });
	doc.moveDown(0.5);

	for (const s of BRIEFING_SECTIONS) {
		heading(doc, l.sections[s]);
		paragraph(doc, b.sections[s] || l.none);
		if (s === 'behind') behindChart(doc, b.figures, l);
		if (s === 'indicators') indicatorTable(doc, b.figures, l);
		if (s === 'pairings') visitsChart(doc, b.figures, l);
		if (s === 'next') {
			doc.moveDown(0.3).font('regular').fontSize(9).fillColor(COLORS.muted).text(l.reports, MARGIN, doc.y, { width: WIDTH });
			doc.text(l.notices, { width: WIDTH });
			if (l.changes) doc.text(l.changes, { width: WIDTH });
		}
	}

	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		// the footer sits in the bottom margin: without this pdfkit would start a new page for it
		doc.page.margins.bottom = 0;
		doc.font('regular').fontSize(8).fillColor(COLORS.muted).text(l.page(i + 1, range.count), MARGIN, A4.height - MARGIN + 18, { width: WIDTH, align: 'center', lineBreak: false });
	}
	doc.end();
	return done;
}
