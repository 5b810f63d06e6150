// Over 400 lines: the WAI-ARIA grid of the contract, one test per keyboard, paste and edit behaviour in real Chromium; the grid machine itself is tested without a browser.
/**
 * The task grid's "Done when" list (issue 9), in Chromium against the real server: keyboard-only
 * editing, two people on one row, an Excel paste as one undo step, undo of one's own change only,
 * the view in the URL, a bureau workbook imported after its report, and a viewer who cannot
 * change anything.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { planIdOf, shot, signIn, zh } from './helpers';

interface ApiTask {
	id: string;
	title: string;
	workstream: string;
	unit: string;
	lead: string;
	start: string;
	due: string;
	phase: string;
	status: string;
	progress: number;
	deps: string[];
}

const synced = (page: Page) =>
	expect(page.getByRole('status', { name: zh.sync_status })).toContainText(zh.sync_synced, { timeout: 15_000 });

async function openGrid(page: Page, user: string, query = '') {
	await signIn(page, user);
	const planId = planIdOf(page);
	await page.goto(`/plans/${planId}/tasks${query}`);
	await synced(page);
	await expect(page.getByRole('grid')).toBeVisible();
	return planId;
}

const cell = (page: Page, id: string, field: string) => page.locator(`[role="row"][data-task-id="${id}"] [role="gridcell"][data-field="${field}"]`);
const taskRowIds = (page: Page) => page.locator('[role="grid"] [role="row"][data-task-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id')!));

async function apiTasks(page: Page, planId: string): Promise<ApiTask[]> {
	const res = await page.request.get(`/api/plans/${planId}/tasks`);
	expect(res.ok()).toBe(true);
	return (await res.json()) as ApiTask[];
}

/** The count the page announces ("显示 x / y 项"), which virtualization does not hide. */
async function shownTotal(page: Page): Promise<number> {
	const text = (await page.locator('.page-title .muted').textContent()) ?? '';
	return Number(/\/\s*(\d+)/.exec(text)?.[1]);
}

/** Edits one cell with the keyboard: focus, Enter, replace the text, Enter. */
async function editCell(page: Page, id: string, field: string, value: string) {
	await cell(page, id, field).focus();
	await page.keyboard.press('Enter');
	const editor = cell(page, id, field).locator('.editor');
	await expect(editor).toBeFocused();
	await editor.fill(value);
	await page.keyboard.press('Enter');
	await expect(cell(page, id, field)).toContainText(value);
}

async function twoLeaders(browser: Browser) {
	const ctxA = await browser.newContext();
	const ctxB = await browser.newContext();
	const a = await ctxA.newPage();
	const b = await ctxB.newPage();
	const planId = await openGrid(a, 'leader');
	await openGrid(b, 'admin');
	return { a, b, planId, close: async () => (await ctxA.close(), await ctxB.close()) };
}

const STATUSES = ['todo', 'doing', 'done', 'blocked'];

test('keyboard only: a row edited from its first to its last column', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	const [first, target] = await apiTasks(page, planId);
	const n = Date.now() % 100000;
	const [, sm, sd] = target.start.split('-').map(Number);
	const [, dm, dd] = target.due.split('-').map(Number);

	await cell(page, target.id, 'workstream').focus();
	await expect(cell(page, target.id, 'workstream')).toHaveAttribute('tabindex', '0');
	// Typing starts an edit with that text; Tab writes it and moves right. Chinese text arrives
	// through an input method, which needs the editor open first (Enter).
	await page.keyboard.type(`W${n}`);
	await page.keyboard.type('重点');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await page.keyboard.type(`键盘编辑 ${n}`);
	await page.keyboard.press('Tab');
	await page.keyboard.press('F2');
	await page.keyboard.type('教研室');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await page.keyboard.type('键盘');
	await page.keyboard.press('Tab');
	await page.keyboard.type(`${sm}月${sd}日`);
	await page.keyboard.press('Tab');
	await page.keyboard.type(`${dm}/${dd}`);
	await page.keyboard.press('Tab');
	// Phase: opened with Enter, kept with Tab.
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	// Status: F2 opens, arrows choose (blocked is last), Tab writes.
	await page.keyboard.press('F2');
	for (let i = STATUSES.indexOf(target.status); i < 3; i++) await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Tab');
	await page.keyboard.type('45');
	await page.keyboard.press('Tab');
	await page.keyboard.type('1');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert')).toHaveCount(0);

	await expect
		.poll(async () => (await apiTasks(page, planId)).find((t) => t.id === target.id), { timeout: 5_000 })
		.toMatchObject({
			workstream: `W${n}重点`,
			title: `键盘编辑 ${n}`,
			unit: '教研室',
			lead: '键盘',
			start: target.start,
			due: target.due,
			phase: target.phase,
			status: 'blocked',
			progress: 45,
			deps: [first.id]
		});
	// Escape cancels an edit.
	await cell(page, target.id, 'unit').focus();
	await page.keyboard.type('nope');
	await page.keyboard.press('Escape');
	await expect(cell(page, target.id, 'unit')).toHaveText('教研室');
	// Arrows and Home/End move the one tab stop.
	await page.keyboard.press('Home');
	await expect(cell(page, target.id, 'no')).toBeFocused();
	await page.keyboard.press('End');
	await expect(cell(page, target.id, 'attention')).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(cell(page, first.id, 'attention')).toBeFocused();
});

test('two people edit different cells of one row at once and both edits stay', async ({ browser }) => {
	const { a, b, planId, close } = await twoLeaders(browser);
	try {
		const id = (await taskRowIds(a))[3];
		const n = Date.now() % 100000;
		// Both open an editor before either writes.
		await cell(a, id, 'unit').focus();
		await a.keyboard.press('Enter');
		await cell(b, id, 'lead').focus();
		await b.keyboard.press('Enter');
		await expect(b.locator(`[data-task-id="${id}"] [data-field="unit"] .peer-tag`)).toBeVisible();
		await a.locator('.editor').fill(`单位${n}`);
		await b.locator('.editor').fill(`牵头${n}`);
		await a.keyboard.press('Enter');
		await b.keyboard.press('Enter');
		for (const p of [a, b]) {
			await expect(cell(p, id, 'unit')).toHaveText(`单位${n}`);
			await expect(cell(p, id, 'lead')).toHaveText(`牵头${n}`);
		}
		await expect
			.poll(async () => (await apiTasks(a, planId)).find((t) => t.id === id), { timeout: 5_000 })
			.toMatchObject({ unit: `单位${n}`, lead: `牵头${n}` });
	} finally {
		await close();
	}
});

test('a 3×20 block pasted from Excel (trailing newline) adds and fills 20 rows; one undo removes them', async ({ page }) => {
	await openGrid(page, 'leader');
	const before = await shownTotal(page);
	const n = Date.now() % 100000;
	const tsv = Array.from({ length: 20 }, (_, i) => `粘贴任务 ${n}-${i + 1}\t"单位\r\n${i}"\t牵头${i}`).join('\r\n') + '\r\n';
	// The empty row after the last takes the paste: every pasted row is a new task.
	const grid = page.getByRole('grid');
	await cell(page, (await taskRowIds(page))[0], 'title').focus();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Home');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	const target = grid.locator('[data-new-row] [data-field="title"]');
	await expect(target).toBeFocused();
	await target.evaluate((el, text) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
	}, tsv);
	await expect.poll(() => shownTotal(page)).toBe(before + 20);
	await expect(page.getByRole('status').filter({ hasText: '20' }).first()).toBeVisible();
	await cell(page, (await taskRowIds(page))[0], 'title').focus();
	await page.keyboard.press('Control+End');
	const last = page.locator('[role="row"][data-task-id]').filter({ hasText: `粘贴任务 ${n}-20` });
	await expect(last).toBeVisible();
	await expect(last.locator('[data-field="lead"]')).toHaveText('牵头19');
	await expect(last.locator('[data-field="unit"]')).toContainText('单位');

	await last.locator('[data-field="title"]').focus();
	await page.keyboard.press('Control+z');
	await expect.poll(() => shownTotal(page)).toBe(before);
	await expect(page.getByText(`粘贴任务 ${n}-1`, { exact: true })).toHaveCount(0);
});

test('undo takes back only my own change; another person’s edit remains', async ({ browser }) => {
	const { a, b, planId, close } = await twoLeaders(browser);
	try {
		const ids = await taskRowIds(a);
		const [mine, theirs] = [ids[5], ids[6]];
		const original = (await apiTasks(a, planId)).find((t) => t.id === mine)!;
		const n = Date.now() % 100000;
		await editCell(a, mine, 'unit', `我的${n}`);
		await editCell(b, theirs, 'unit', `他的${n}`);
		await expect(cell(a, theirs, 'unit')).toHaveText(`他的${n}`);
		await cell(a, mine, 'unit').focus();
		await a.keyboard.press('Control+z');
		for (const p of [a, b]) {
			await expect(cell(p, mine, 'unit')).toHaveText(original.unit);
			await expect(cell(p, theirs, 'unit')).toHaveText(`他的${n}`);
		}
	} finally {
		await close();
	}
});

test('sorting, grouping and a filter survive a reload through the URL', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	await page.getByRole('columnheader', { name: zh.tasks_col_due }).getByRole('button').click();
	await expect(page).toHaveURL(/sort=due/);
	await page.getByRole('columnheader', { name: zh.tasks_col_due }).getByRole('button').click();
	await expect(page).toHaveURL(/sort=-due/);
	await page.getByLabel(zh.grid_group_by, { exact: true }).selectOption('phase');
	await page.getByLabel(zh.tasks_col_status, { exact: true }).selectOption('doing');
	await expect(page).toHaveURL(/group=phase/);
	await expect(page).toHaveURL(/status=doing/);
	const url = page.url();
	await page.reload();
	await synced(page);
	expect(page.url()).toBe(url);
	await expect(page.getByRole('columnheader', { name: zh.tasks_col_due })).toHaveAttribute('aria-sort', 'descending');
	await expect(page.getByLabel(zh.grid_group_by, { exact: true })).toHaveValue('phase');
	await expect(page.getByLabel(zh.tasks_col_status, { exact: true })).toHaveValue('doing');
	await expect(page.locator('[role="row"][aria-expanded]').first()).toContainText('平均进度');
	const statuses = (await page.locator('[role="row"][data-task-id] [data-field="status"]').allTextContents()).map((s) => s.trim());
	expect(statuses.length).toBeGreaterThan(0);
	expect(new Set(statuses)).toEqual(new Set([zh.status_doing]));
	// The export follows the same view.
	const csv = await page.request.get(`/api/plans/${planId}/export.csv?${new URL(url).searchParams}`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const body = await csv.text();
	expect(body.charCodeAt(0)).toBe(0xfeff);
	expect(body.split('\r\n').filter(Boolean).length - 1).toBe(await shownTotalShown(page));
});

async function shownTotalShown(page: Page): Promise<number> {
	const text = (await page.locator('.page-title .muted').textContent()) ?? '';
	return Number(/(\d+)\s*\//.exec(text)?.[1]);
}

/** A 台账 as a bureau keeps it: a title row, headers merged over two rows, another order, mixed dates. */
async function bureauWorkbook(year: number, n: number): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('台账');
	ws.mergeCells('A1:H1');
	ws.getCell('A1').value = `XX区教育教学质量提升实施方案任务台账（${year}年）`;
	const top = ['序号', '具体任务', '重点任务', '时间安排', '', '责任单位', '牵头人', '完成进度'];
	const sub = ['', '', '', '开始时间', '完成时限', '', '', ''];
	ws.addRow(top);
	ws.addRow(sub);
	for (const c of ['A', 'B', 'C', 'F', 'G', 'H']) ws.mergeCells(`${c}2:${c}3`);
	ws.mergeCells('D2:E2');
	const d = (m: number, day: number) => new Date(Date.UTC(year, m - 1, day));
	ws.addRow([1, `台账任务甲 ${n}`, '台账导入', d(7, 1), d(8, 31), '教研室', '王老师', 0.3]);
	ws.addRow([2, `台账任务乙 ${n}`, '', `${year}年7月5日`, '9/30', '教育局', '李老师', '50%']);
	ws.addRow([3, '', '台账导入', d(7, 1), d(8, 1), '教研室', '', 0]);
	ws.addRow([4, `台账任务丙 ${n}`, '台账导入', '2099-99-99', d(9, 1), '教研室', '', 0]);
	ws.addRow([5, `台账任务丁 ${n}`, '台账导入', d(8, 1), d(10, 15), '试点校', '赵老师', 1]);
	ws.mergeCells('C4:C5');
	ws.getColumn(8).numFmt = '0%';
	return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a real-looking 台账 workbook with two bad rows: the report names them and the rest import after confirmation', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	const before = (await apiTasks(page, planId)).length;
	const n = Date.now() % 100000;
	const year = new Date().getFullYear();
	const file = { name: '任务台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await bureauWorkbook(year, n) };

	await page.getByRole('button', { name: zh.import_open }).click();
	const dialog = page.getByRole('dialog', { name: zh.import_title });
	await dialog.getByLabel(zh.import_file).setInputFiles(file);
	const report = dialog.getByRole('list', { name: zh.import_rows });
	await expect(report.locator('li')).toHaveCount(5);
	await expect(report.locator('li.skip')).toHaveCount(2);
	await expect(report.locator('li.skip').first()).toContainText(zh.tasks_title_required);
	await expect(report.locator('li.skip').nth(1)).toContainText(zh.tasks_invalid_date);
	// Nothing is written before the confirmation.
	expect((await apiTasks(page, planId)).length).toBe(before);
	await dialog.getByRole('button', { name: zh.import_confirm.replace('{count}', '3') }).click();
	await expect(dialog.getByRole('status')).toContainText('3');
	await dialog.getByRole('button', { name: zh.grid_close }).click();

	await expect.poll(async () => (await apiTasks(page, planId)).length, { timeout: 5_000 }).toBe(before + 3);
	const tasks = await apiTasks(page, planId);
	expect(tasks.find((t) => t.title === `台账任务甲 ${n}`)).toMatchObject({ start: `${year}-07-01`, due: `${year}-08-31`, progress: 30, unit: '教研室' });
	expect(tasks.find((t) => t.title === `台账任务乙 ${n}`)).toMatchObject({ workstream: '台账导入', start: `${year}-07-05`, due: `${year}-09-30`, progress: 50 });
	expect(tasks.find((t) => t.title === `台账任务丁 ${n}`)).toMatchObject({ progress: 100, status: 'done' });
	expect(tasks.some((t) => t.title === `台账任务丙 ${n}`)).toBe(false);

	// The same file again updates the three tasks rather than adding them twice.
	const res = await page.request.post(`/api/plans/${planId}/tasks/import?confirm=1`, {
		headers: { origin: new URL(page.url()).origin },
		multipart: { file }
	});
	expect(res.status()).toBe(200);
	expect((await res.json()).counts).toEqual({ create: 0, update: 3, skip: 2 });
	await page.waitForTimeout(1500);
	expect((await apiTasks(page, planId)).length).toBe(before + 3);
});

test('a viewer cannot change anything', async ({ page }) => {
	const planId = await openGrid(page, 'viewer');
	const grid = page.getByRole('grid');
	await expect(grid).toHaveAttribute('aria-readonly', 'true');
	await expect(page.getByRole('button', { name: zh.tasks_add })).toHaveCount(0);
	await expect(page.getByRole('button', { name: zh.import_open })).toHaveCount(0);
	const [t] = await apiTasks(page, planId);
	await cell(page, t.id, 'title').focus();
	await page.keyboard.press('Enter');
	await page.keyboard.type('viewer was here');
	await page.keyboard.press('Delete');
	await expect(grid.locator('.editor')).toHaveCount(0);
	await cell(page, t.id, 'title').evaluate((el) => {
		const data = new DataTransfer();
		data.setData('text/plain', 'pasted\tby viewer\r\n');
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
	});
	await page.keyboard.press('Control+z');
	await expect(cell(page, t.id, 'title')).toHaveText(t.title);
	const origin = new URL(page.url()).origin;
	expect((await page.request.patch(`/api/plans/${planId}/tasks/${t.id}`, { headers: { origin }, data: { title: 'x' } })).status()).toBe(403);
	const imp = await page.request.post(`/api/plans/${planId}/tasks/import`, {
		headers: { origin },
		multipart: { file: { name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from('具体任务,完成时限\nx,2026-01-01\n') } }
	});
	expect(imp.status()).toBe(403);
	expect((await apiTasks(page, planId)).find((x) => x.id === t.id)?.title).toBe(t.title);
});

test('the history drawer shows who changed a field, from what to what', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	const [, , t] = await apiTasks(page, planId);
	const n = Date.now() % 100000;
	await editCell(page, t.id, 'lead', `历史${n}`);
	await expect.poll(async () => (await apiTasks(page, planId)).find((x) => x.id === t.id)?.lead).toBe(`历史${n}`);
	await cell(page, t.id, 'lead').focus();
	await page.getByRole('button', { name: zh.history_open }).click();
	const drawer = page.getByRole('dialog');
	await expect(drawer).toContainText(`${t.lead || '—'} → 历史${n}`, { timeout: 10_000 });
	await expect(drawer).toContainText(zh.tasks_col_lead);
});

test('typing Chinese through an input method on a focused cell starts editing it', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	const [, , , t] = await apiTasks(page, planId);
	const n = Date.now() % 100000;
	await cell(page, t.id, 'unit').focus();
	// What Chromium receives from a pinyin input method: a key it marks `Process` (229), then a
	// composition, then the committed text.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'KeyJ', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
	const editor = cell(page, t.id, 'unit').locator('.editor');
	await expect(editor).toBeFocused();
	await cdp.send('Input.imeSetComposition', { text: 'jiao', selectionStart: 4, selectionEnd: 4 });
	await cdp.send('Input.insertText', { text: `教研${n}` });
	await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Process', code: 'KeyJ', windowsVirtualKeyCode: 229 });
	await expect(editor).toHaveValue(`教研${n}`);
	await page.keyboard.press('Enter');
	await expect(cell(page, t.id, 'unit')).toContainText(`教研${n}`);
	await expect.poll(async () => (await apiTasks(page, planId)).find((x) => x.id === t.id)?.unit).toBe(`教研${n}`);
});

test('a composition reaching a focused cell itself starts editing it', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	const [, , , , t] = await apiTasks(page, planId);
	await cell(page, t.id, 'lead').focus();
	await cell(page, t.id, 'lead').dispatchEvent('compositionstart', { data: '' });
	await expect(cell(page, t.id, 'lead').locator('.editor')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(cell(page, t.id, 'lead').locator('.editor')).toHaveCount(0);
});

test('[T16] compared with a saved baseline, the table shows its dates and the slip in days, sortable', async ({ page }) => {
	const planId = await openGrid(page, 'leader');
	const tasks = await apiTasks(page, planId);
	const name = `E2E 基线 ${Date.now()}`;
	await page.goto(`/plans/${planId}/gantt`);
	await synced(page);
	await page.getByLabel(zh.gantt_baseline_name).fill(name);
	await page.getByRole('button', { name: zh.gantt_baseline_save }).click();
	await expect(page.getByText(zh.gantt_baseline_saved.replace('{name}', name))).toBeVisible();

	await page.goto(`/plans/${planId}/tasks`);
	await synced(page);
	const [a, b] = tasks.slice(1, 3);
	const later = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
	try {
		await editCell(page, a.id, 'due', later(a.due, 9));
		await editCell(page, b.id, 'due', later(b.due, 4));
		await expect(page.getByRole('columnheader', { name: zh.gantt_col_slip })).toHaveCount(0);
		await page.getByLabel(zh.grid_baseline).selectOption({ label: name });
		await expect(page.getByRole('columnheader', { name: zh.gantt_col_slip })).toBeVisible();
		await expect(cell(page, a.id, 'baseDue')).toHaveText(a.due);
		await expect(cell(page, a.id, 'slip')).toHaveText('+9');
		await expect(cell(page, b.id, 'slip')).toHaveText('+4');
		await expect(cell(page, tasks[0].id, 'slip')).toHaveText('0');

		const header = page.getByRole('columnheader', { name: zh.gantt_col_slip });
		await header.getByRole('button').click();
		await header.getByRole('button').click();
		await expect(header).toHaveAttribute('aria-sort', 'descending');
		await expect(page).toHaveURL(/sort=-slip/);
		await expect(page).toHaveURL(/baseline=/);
		await expect.poll(async () => (await taskRowIds(page)).slice(0, 2)).toEqual([a.id, b.id]);
		await shot(page, 'grid-baseline-slip', false);
		// The view is a link: a reload keeps the baseline and the sort.
		await page.reload();
		await synced(page);
		await expect.poll(async () => (await taskRowIds(page)).slice(0, 2)).toEqual([a.id, b.id]);
	} finally {
		await page.goto(`/plans/${planId}/tasks`);
		await synced(page);
		await editCell(page, a.id, 'due', a.due);
		await editCell(page, b.id, 'due', b.due);
	}
});
