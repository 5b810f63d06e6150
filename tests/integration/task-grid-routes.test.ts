/**
 * The task grid's routes against the real server: a task's history read from the audit, the
 * import of a bureau's workbook (preview, confirm, re-import) and the exports of a filtered view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { docUpdates } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { writeDocSnapshot } from '../../src/lib/server/docs/store';
import { writePhase, writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { makeTask } from '../../src/lib/table/test-task';
import { get } from './auth-helpers';

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let leader: string;
let viewer: string;
let outsider: string;

type ApiTask = { id: string; title: string; start: string | null; due: string | null; progress: number; unit: string };

function send(method: 'PATCH' | 'POST', path: string, cookie: string, body: BodyInit, type?: string) {
	const headers: Record<string, string> = { cookie, origin: server.url };
	if (type) headers['content-type'] = type;
	return fetch(server.url + path, { method, headers, body });
}

function upload(cookie: string, bytes: Uint8Array<ArrayBuffer> | ArrayBuffer, name: string, confirm = false) {
	const form = new FormData();
	form.set('file', new Blob([bytes]), name);
	return send('POST', `/api/plans/${planId}/tasks/import${confirm ? '?confirm=1' : ''}`, cookie, form);
}

/** The API's tasks once `done` holds of them (the SQL projection follows within 2 s, [Y10]). */
async function pollTasks(done: (tasks: ApiTask[]) => boolean): Promise<ApiTask[]> {
	let tasks: ApiTask[] = [];
	for (let i = 0; i < 40; i++) {
		tasks = await (await get(server, `/api/plans/${planId}/tasks`, viewer)).json();
		if (done(tasks)) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	return tasks;
}

const storedUpdates = async () => (await h.db.select({ id: docUpdates.id }).from(docUpdates).where(eq(docUpdates.room, planRoom(planId)))).length;

/**
 * A 台账 as bureaus write them: a merged title row above the header, Chinese headers in their own
 * order, dates as date cells and as text, two rows that break an edit rule.
 */
async function bureauWorkbook(): Promise<ArrayBuffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('任务分解表');
	ws.addRow(['某区教育教学质量提升实施方案任务分解表']);
	ws.mergeCells('A1:I1');
	ws.addRow(['具体任务', '序号', '完成时限', '开始时间', '责任单位', '牵头人', '阶段', '状态', '进度']);
	ws.addRow(['开展课堂观察周', 1, new Date(Date.UTC(2026, 2, 20)), '2026/2/1', '教研室', '王老师', '启动部署', '进行中', '50%']);
	ws.addRow(['组织骨干教师培训', 2, '2026年5月30日', new Date(Date.UTC(2026, 3, 1)), '教师发展中心', '李老师', '试点推进', '未开始', 0]);
	ws.addRow(['完成时限早于开始', 3, '2026-02-01', '2026-03-01', '督导室', '赵老师', '启动部署', '进行中', '10%']);
	ws.addRow(['进度超过百分百', 4, '2026-03-10', '2026-02-10', '督导室', '赵老师', '启动部署', '进行中', '150%']);
	return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	const lead = await makeUser(h, { displayName: '李组长' });
	const view = await makeUser(h);
	const other = await makeUser(h);
	await addMember(h, planId, lead.id, 'leader');
	await addMember(h, planId, view.id, 'viewer');
	leader = await makeSession(h, lead.id);
	viewer = await makeSession(h, view.id);
	outsider = await makeSession(h, other.id);

	const doc = new Y.Doc();
	writePhase(doc, { key: 'launch', name: '启动部署', start: '2026-01-01', end: '2026-03-31' });
	writePhase(doc, { key: 'pilot', name: '试点推进', start: '2026-04-01', end: '2026-06-30' });
	writePhase(doc, { key: 'rollout', name: '全面实施', start: '2026-07-01', end: '2026-11-30' });
	writePhase(doc, { key: 'evaluation', name: '总结评估', start: '2026-12-01', end: '2026-12-31' });
	writeTask(doc, makeTask({ id: 't1', order: 'a1', unit: '教研室', progress: 30 }));
	writeTask(doc, makeTask({ id: 't2', order: 'a2', title: '=HYPERLINK("http://x","点我")', unit: '电教馆' }));
	await writeDocSnapshot(h.db, planRoom(planId), doc);
	server = await startServer({ databaseUrl: tmp.url });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('task history', () => {
	it('[T15] after an edit the history names who changed which field, from what to what', async () => {
		const res = await send('PATCH', `/api/plans/${planId}/tasks/t1`, leader, JSON.stringify({ progress: 60, unit: '教研室一组' }), 'application/json');
		expect(res.status).toBe(200);
		const history = await get(server, `/api/plans/${planId}/tasks/t1/history`, viewer);
		expect(history.status).toBe(200);
		const { entries } = await history.json();
		expect(entries.slice(0, 2)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ user: '李组长', action: 'update', field: 'progress', from: 30, to: 60 }),
				expect.objectContaining({ user: '李组长', action: 'update', field: 'unit', from: '教研室', to: '教研室一组' })
			])
		);
		expect(typeof entries[0].at).toBe('number');
	});

	it('[T15][H13] history is 401 signed out, 403 to a non-member, 404 for an unknown task', async () => {
		expect((await get(server, `/api/plans/${planId}/tasks/t1/history`)).status).toBe(401);
		expect((await get(server, `/api/plans/${planId}/tasks/t1/history`, outsider)).status).toBe(403);
		expect((await get(server, `/api/plans/${planId}/tasks/nope/history`, viewer)).status).toBe(404);
	});
});

describe('import', () => {
	it('[T7][T8][T9] a preview maps the headers, reports the two bad rows and writes nothing', async () => {
		const before = await storedUpdates();
		const res = await upload(leader, await bureauWorkbook(), '台账.xlsx');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.applied).toBe(false);
		expect(body.counts).toEqual({ create: 2, update: 0, skip: 2 });
		const fields = body.columns.map((c: { field: string }) => c.field);
		expect(fields).toEqual(expect.arrayContaining(['title', 'index', 'due', 'start', 'unit', 'lead', 'phase', 'status', 'progress']));
		const skipped = body.rows.filter((r: { action: string }) => r.action === 'skip');
		expect(skipped.map((r: { title: string }) => r.title)).toEqual(['完成时限早于开始', '进度超过百分百']);
		for (const r of skipped) expect(r.problems.length).toBeGreaterThan(0);
		expect(await storedUpdates()).toBe(before);
	});

	it('[T9][T3] ?confirm=1 writes the good rows with their dates; re-importing updates, never duplicates', async () => {
		const file = await bureauWorkbook();
		const res = await upload(leader, file, '台账.xlsx', true);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ applied: true, counts: { create: 2, update: 0, skip: 2 } });
		const tasks = await pollTasks((ts) => ts.some((t) => t.title === '组织骨干教师培训'));
		expect(tasks.find((t) => t.title === '开展课堂观察周')).toMatchObject({ start: '2026-02-01', due: '2026-03-20', progress: 50, unit: '教研室' });
		expect(tasks.find((t) => t.title === '组织骨干教师培训')).toMatchObject({ start: '2026-04-01', due: '2026-05-30', progress: 0 });
		expect(tasks.some((t) => t.title === '进度超过百分百' || t.title === '完成时限早于开始')).toBe(false);

		const again = await upload(leader, file, '台账.xlsx', true);
		expect(await again.json()).toMatchObject({ applied: true, counts: { create: 0, update: 2, skip: 2 } });
		await new Promise((r) => setTimeout(r, 1500));
		const after = await pollTasks(() => true);
		expect(after.filter((t) => t.title === '开展课堂观察周')).toHaveLength(1);
		expect(after.filter((t) => t.title === '组织骨干教师培训')).toHaveLength(1);
		expect(after).toHaveLength(tasks.length);
	});

	it('[R3][K5] a viewer cannot import (403)', async () => {
		const res = await upload(viewer, await bureauWorkbook(), '台账.xlsx', true);
		expect(res.status).toBe(403);
	});

	it('[T7] no file, an empty file or a file that is no spreadsheet is a 400 naming file', async () => {
		const none = await send('POST', `/api/plans/${planId}/tasks/import`, leader, new FormData());
		expect(none.status).toBe(400);
		expect(await none.json()).toMatchObject({ error: 'no_file', fields: ['file'] });
		const empty = await upload(leader, new Uint8Array(), '空.xlsx');
		expect(await empty.json()).toMatchObject({ error: 'no_file', fields: ['file'] });
		const binary = await upload(leader, Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x03]), '伪装.xlsx');
		expect(binary.status).toBe(400);
		expect(await binary.json()).toMatchObject({ error: 'unsupported_type', fields: ['file'] });
		const prose = await upload(leader, new TextEncoder().encode('这不是表格\n只是一段文字\n'), '说明.csv');
		expect(prose.status).toBe(400);
		expect(await prose.json()).toMatchObject({ error: 'no_header', fields: ['file'] });
	});
});

describe('export of the current view', () => {
	it('[T4][T5] export.csv is UTF-8 with a BOM, neutralises formulas and holds only the view’s rows', async () => {
		await pollTasks((ts) => ts.some((t) => t.id === 't2'));
		const all = await get(server, `/api/plans/${planId}/export.csv`, viewer);
		expect(all.status).toBe(200);
		expect(all.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
		const bytes = new Uint8Array(await all.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		expect(text.split('\r\n')[0]).toBe('序号,重点任务,具体任务,责任单位,牵头人,开始时间,完成时限,阶段,状态,进度');
		expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
		expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

		const view = await get(server, `/api/plans/${planId}/export.csv?unit=${encodeURIComponent('电教馆')}`, viewer);
		const lines = new TextDecoder().decode(new Uint8Array(await view.arrayBuffer()).slice(3)).trim().split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('电教馆');
	});

	it('[H7][T4] export.xlsx with a view query holds only the view’s rows', async () => {
		const res = await get(server, `/api/plans/${planId}/export.xlsx?unit=${encodeURIComponent('教研室')}`, viewer);
		expect(res.status).toBe(200);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.getWorksheet('任务分解表')!;
		const titles: string[] = [];
		ws.eachRow((row, n) => {
			if (n > 1) titles.push(String(row.getCell(3).value));
		});
		// Only 教研室's task is left: the imported one (t1's unit was edited to 教研室一组).
		expect(titles).toEqual(['开展课堂观察周']);
		expect(ws.getRow(1).getCell(3).value).toBe('具体任务');
	});
});
