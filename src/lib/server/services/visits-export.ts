/**
 * Exchange visits (交流活动登记表) as an Excel workbook: one row per visit in date order with the
 * columns bureaus file, a frozen header row and dates as date cells. Text cells are written as
 * plain strings (ExcelJS writes a formula only for a `{ formula }` value), so a topic starting
 * with `=` stays text. Labels come from the caller, so this module stays free of i18n.
 */
import ExcelJS from 'exceljs';
import type { VisitKind, VisitStatus } from '../../shared/plan/types';
import { dateCell, styleHeader } from './tasks-export';
import type { Visit } from './visits';

export interface VisitExportLabels {
	sheet: string;
	columns: {
		index: string;
		date: string;
		strong: string;
		weak: string;
		host: string;
		visitor: string;
		kind: string;
		participants: string;
		names: string;
		topic: string;
		hours: string;
		summary: string;
		status: string;
	};
	kind: Record<VisitKind, string>;
	status: Record<VisitStatus, string>;
}

export async function buildVisitsWorkbook(
	visits: readonly Visit[],
	pairings: ReadonlyMap<string, { strong: string; weak: string }>,
	schoolName: (id: string) => string,
	labels: VisitExportLabels
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.created = new Date();
	const ws = wb.addWorksheet(labels.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
	const c = labels.columns;
	ws.columns = [
		{ header: c.index, key: 'index', width: 6 },
		{ header: c.date, key: 'date', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
		{ header: c.strong, key: 'strong', width: 18 },
		{ header: c.weak, key: 'weak', width: 18 },
		{ header: c.host, key: 'host', width: 18 },
		{ header: c.visitor, key: 'visitor', width: 18 },
		{ header: c.kind, key: 'kind', width: 12 },
		{ header: c.participants, key: 'participants', width: 10 },
		{ header: c.names, key: 'names', width: 24 },
		{ header: c.topic, key: 'topic', width: 32 },
		{ header: c.hours, key: 'hours', width: 10 },
		{ header: c.summary, key: 'summary', width: 48 },
		{ header: c.status, key: 'status', width: 10 }
	];
	[...visits]
		.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
		.forEach((v, i) => {
			const pairing = pairings.get(v.pairingId);
			const row = ws.addRow({
				index: i + 1,
				date: dateCell(v.date),
				strong: pairing ? schoolName(pairing.strong) : '',
				weak: pairing ? schoolName(pairing.weak) : '',
				host: schoolName(v.host),
				visitor: schoolName(v.visitor),
				kind: labels.kind[v.kind] ?? v.kind,
				participants: v.participants,
				names: v.participantNames.join('、'),
				topic: v.topic,
				hours: v.hours ?? '',
				summary: v.summary,
				status: labels.status[v.status] ?? v.status
			});
			for (const key of ['topic', 'summary', 'names']) row.getCell(key).alignment = { wrapText: true, vertical: 'top' };
		});
	styleHeader(ws);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
