/**
 * Briefings (通报) against the real server on the demo workspace ([BR1]–[BR3]): who drafts, edits,
 * publishes and sees them, bad periods and texts named, a published briefing frozen while the plan
 * moves on, and its A4 PDF; the work ledger workbook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { openTestDb } from '../helpers/factories';
import type { DbHandle } from '../../src/lib/server/db/index';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { addDays, todayInShanghai } from '../../src/lib/shared/plan/dates';
import { get, postJson, signIn } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let leader: string;
let viewer: string;
const today = todayInShanghai();
const api = (p = '') => `/api/plans/demo/briefings${p}`;

const put = (path: string, body: unknown, cookie: string) =>
	fetch(server.url + path, { method: 'PUT', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	await seedDemo(h.db, today);
	server = await startServer({ databaseUrl: tmp.url });
	leader = (await signIn(server, 'leader', 'demo-pass')).cookie!;
	viewer = (await signIn(server, 'viewer', 'demo-pass')).cookie!;
});
afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('briefings', () => {
	let draftId: string;

	it('the demo has one published briefing every member sees, with its PDF', async () => {
		const list = await (await get(server, api(), viewer)).json();
		expect(list.map((b: { status: string }) => b.status)).toEqual(['published']);
		const pdf = await get(server, api(`/${list[0].id}/briefing.pdf`), viewer);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		expect((await get(server, api())).status).toBe(401);
	});

	it('only leaders draft; a bad period names its fields', async () => {
		expect((await postJson(server, api(), { from: addDays(today, -30), to: today }, { cookie: viewer })).status).toBe(403);
		const bad = async (body: object, fields: string[]) => {
			const res = await postJson(server, api(), body, { cookie: leader });
			expect(res.status).toBe(400);
			expect((await res.json()).fields).toEqual(fields);
		};
		await bad({ from: '2026-02-30', to: today }, ['from']);
		await bad({ from: addDays(today, -3), to: addDays(today, 1) }, ['to']);
		await bad({ from: today, to: addDays(today, -3) }, ['to']);
		await bad({ from: addDays(today, -3), to: today, title: '' }, ['title']);
	});

	it('[BR3] a draft is written from the figures, hidden from viewers, and its text edited by leaders', async () => {
		const res = await postJson(server, api(), { from: '2026-01-01', to: today }, { cookie: leader, key: 'draft-1' });
		expect(res.status).toBe(201);
		const draft = await res.json();
		draftId = draft.id;
		expect(draft.status).toBe('draft');
		expect(Object.keys(draft.sections).sort()).toEqual(['behind', 'done', 'indicators', 'next', 'pairings', 'summary']);
		expect(draft.sections.summary).toContain(String(draft.figures.tasks.total));
		const again = await postJson(server, api(), { from: '2026-01-01', to: today }, { cookie: leader, key: 'draft-1' });
		expect((await again.json()).id).toBe(draftId);
		expect((await get(server, api(`/${draftId}`), viewer)).status).toBe(404);
		expect((await get(server, api(`/${draftId}/briefing.pdf`), viewer)).status).toBe(404);
		expect((await put(api(`/${draftId}`), { title: 'x', sections: { summary: 'x' } }, viewer)).status).toBe(403);
		const badText = await put(api(`/${draftId}`), { title: ' ', sections: { other: 'x' } }, leader);
		expect((await badText.json()).fields).toEqual(['title', 'sections']);
		const edited = await put(api(`/${draftId}`), { title: '全年通报', sections: { ...draft.sections, summary: '领导小组改写的总体情况。' } }, leader);
		expect(edited.status).toBe(200);
		expect((await edited.json()).sections.summary).toBe('领导小组改写的总体情况。');
	});

	it('[BR1] publishing freezes text and figures: the plan moves on, the briefing does not', async () => {
		const published = await (await postJson(server, api(`/${draftId}/publish`), {}, { cookie: leader })).json();
		expect(published.status).toBe('published');
		const tasks: { id: string; status: string; start: string; due: string }[] = await (await get(server, '/api/plans/demo/tasks', leader)).json();
		const open = tasks.find((t) => t.status !== 'done' && t.due <= today)!;
		const patch = await fetch(server.url + `/api/plans/demo/tasks/${open.id}`, {
			method: 'PATCH',
			headers: { cookie: leader, origin: server.url, 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'done', progress: 100 })
		});
		expect(patch.status).toBe(200);
		const later = await (await get(server, api(`/${draftId}`), viewer)).json();
		expect(later.figures).toEqual(published.figures);
		const fresh = await (await postJson(server, api(), { from: '2026-01-01', to: today }, { cookie: leader })).json();
		expect(fresh.figures.tasks.done).toBe(published.figures.tasks.done + 1);
		expect((await put(api(`/${draftId}`), { title: '改', sections: {} }, leader)).status).toBe(409);
		const twice = await postJson(server, api(`/${draftId}/publish`), {}, { cookie: leader });
		expect((await twice.json()).publishedAt).toBe(published.publishedAt);
		expect((await get(server, api(), viewer)).status).toBe(200);
	});
});

describe('the work ledger (工作台账)', () => {
	it('prints as bureaus do: merged title, grouped headers, A4 landscape, every task with its notice and report', async () => {
		const res = await get(server, '/api/plans/demo/ledger.xlsx', viewer);
		expect(res.status).toBe(200);
		const ExcelJS = (await import('exceljs')).default;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.getWorksheet('工作台账')!;
		expect(String(ws.getCell('A1').value)).toContain('工作台账');
		expect(ws.getCell('A1').isMerged).toBe(true);
		expect([ws.getCell('A3').value, ws.getCell('H3').value, ws.getCell('K3').value]).toEqual(['工作任务', '推进情况', '督办与报告']);
		expect(ws.getCell('K4').value).toBe('督办单');
		expect(ws.pageSetup.orientation).toBe('landscape');
		expect(ws.pageSetup.paperSize).toBe(9);
		expect(ws.pageSetup.printTitlesRow).toBe('1:4');
		const tasks = await (await get(server, '/api/plans/demo/tasks', viewer)).json();
		expect(ws.rowCount).toBe(4 + tasks.length);
		const notices: number[] = [];
		ws.eachRow((row, n) => {
			if (n > 4 && String(row.getCell(11).value ?? '')) notices.push(n);
		});
		expect(notices.length).toBeGreaterThan(0);
		expect(wb.getWorksheet('试点校里程碑')!.rowCount).toBeGreaterThan(3);
	});

	it('[WD13] words due soon in working days when the plan counts them', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const attentionWords = async () => {
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(await (await get(server, '/api/plans/demo/ledger.xlsx', viewer)).arrayBuffer());
			const words = new Set<string>();
			for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void words.add(String(c.value ?? ''))));
			return words;
		};
		expect((await attentionWords()).has('7 个工作日内到期')).toBe(false);
		expect((await put('/api/plans/demo/calendar/settings', { dayCount: 'working' }, leader)).status).toBe(200);
		try {
			const words = await attentionWords();
			expect(words.has('7 个工作日内到期')).toBe(true);
			expect(words.has('7 天内到期')).toBe(false);
		} finally {
			await put('/api/plans/demo/calendar/settings', { dayCount: 'calendar' }, leader);
		}
	});

	it('is refused to a liaison, and without a session', async () => {
		const partner = (await signIn(server, 'partner', 'demo-pass')).cookie!;
		expect((await get(server, '/api/plans/demo/ledger.xlsx', partner)).status).toBe(403);
		expect((await get(server, '/api/plans/demo/ledger.xlsx')).status).toBe(401);
	});
});
