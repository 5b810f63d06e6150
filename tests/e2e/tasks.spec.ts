import { expect, test, type Page } from '@playwright/test';
import { planIdOf, shot, signIn, zh } from './helpers';

const synced = (page: Page) =>
	expect(page.getByRole('status', { name: zh.sync_status })).toContainText(zh.sync_synced, { timeout: 15_000 });

async function openTable(page: Page, user: string) {
	await signIn(page, user);
	const planId = planIdOf(page);
	await page.goto(`/plans/${planId}/tasks`);
	await synced(page);
	return planId;
}

const taskRows = (page: Page) => page.locator('[role="grid"] [role="row"][data-task-id]');
const cell = (page: Page, id: string, field: string) => page.locator(`[role="row"][data-task-id="${id}"] [data-field="${field}"]`);
/** The total the page announces (virtualized rows are not all in the DOM). */
const total = async (page: Page) => Number(/\/\s*(\d+)/.exec((await page.locator('.page-title .muted').textContent()) ?? '')?.[1]);
const shown = async (page: Page) => Number(/(\d+)\s*\//.exec((await page.locator('.page-title .muted').textContent()) ?? '')?.[1]);
async function edit(page: Page, id: string, field: string, value: string) {
	await cell(page, id, field).focus();
	await page.keyboard.press('Enter');
	await page.locator('[role="grid"] .editor').fill(value);
	await page.keyboard.press('Enter');
}

test('the task table shows the whole plan with its columns', async ({ page }) => {
	await openTable(page, 'leader');
	const table = page.getByRole('grid');
	for (const key of ['tasks_col_no', 'tasks_col_workstream', 'tasks_col_title', 'tasks_col_unit', 'tasks_col_lead', 'tasks_col_start', 'tasks_col_due', 'tasks_col_phase', 'tasks_col_status', 'tasks_col_progress', 'tasks_col_deps', 'tasks_col_attention']) {
		await expect(table.getByRole('columnheader', { name: zh[key], exact: true })).toBeVisible();
	}
	expect(await total(page)).toBeGreaterThanOrEqual(30);
	// Rows are virtualized: the DOM holds those in view, not all of them.
	expect(await taskRows(page).count()).toBeLessThan(40);
	await expect(table).toHaveAttribute('aria-readonly', 'false');
});

test('filters live in the query string', async ({ page }) => {
	const planId = await openTable(page, 'leader');
	const all = await shown(page);
	await page.getByLabel(zh.tasks_col_phase, { exact: true }).selectOption('pilot');
	await expect(page).toHaveURL(new RegExp(`/plans/${planId}/tasks\\?phase=pilot$`));
	const pilot = await shown(page);
	expect(pilot).toBeGreaterThan(0);
	expect(pilot).toBeLessThan(all);
	await page.reload();
	await synced(page);
	await expect.poll(() => shown(page)).toBe(pilot);
	await page.getByRole('link', { name: zh.tasks_clear_filters }).click();
	await expect.poll(() => shown(page)).toBe(all);
});

test('an edit by one leader appears for another, with their presence', async ({ browser }) => {
	const leaderCtx = await browser.newContext();
	const adminCtx = await browser.newContext();
	const a = await leaderCtx.newPage();
	const b = await adminCtx.newPage();
	try {
		await openTable(a, 'leader');
		await openTable(b, 'admin');
		const leaderName = (await a.locator('header .user').textContent())!.trim();

		// B sees A online.
		await expect(b.getByRole('list', { name: zh.presence_online })).toContainText(leaderName);

		const id = (await taskRows(a).nth(1).getAttribute('data-task-id'))!;
		const title = `E2E 协同编辑 ${Date.now()}`;
		await cell(a, id, 'title').focus();
		await a.keyboard.press('Enter');
		// B sees which cell A is in.
		await expect(cell(b, id, 'title').locator('.peer-tag')).toContainText(leaderName);
		await shot(b, 'tasks-presence', false);
		await a.locator('[role="grid"] .editor').fill(title);
		await a.keyboard.press('Enter');
		await expect(cell(b, id, 'title')).toHaveText(title, { timeout: 5_000 });

		// The projection (JSON API) follows too.
		await expect
			.poll(async () => {
				const res = await a.request.get(`/api/plans/${planIdOf(a)}/tasks`);
				const tasks = (await res.json()) as { id: string; title: string }[];
				return tasks.find((t) => t.id === id)?.title;
			}, { timeout: 5_000 })
			.toBe(title);
	} finally {
		await leaderCtx.close();
		await adminCtx.close();
	}
});

test('an edit made offline reaches the others once the connection returns', async ({ browser }) => {
	const leaderCtx = await browser.newContext();
	const adminCtx = await browser.newContext();
	const a = await leaderCtx.newPage();
	const b = await adminCtx.newPage();
	try {
		await openTable(a, 'leader');
		await openTable(b, 'admin');
		await leaderCtx.setOffline(true);
		await expect(a.getByRole('status', { name: zh.sync_status })).toContainText(zh.sync_offline);
		await expect(a.getByText(zh.sync_offline_hint)).toBeVisible();

		const id = (await taskRows(a).nth(2).getAttribute('data-task-id'))!;
		const lead = `离线编辑 ${Date.now() % 100000}`;
		await edit(a, id, 'lead', lead);

		await leaderCtx.setOffline(false);
		await synced(a);
		await expect(cell(b, id, 'lead')).toHaveText(lead, { timeout: 10_000 });
	} finally {
		await leaderCtx.close();
		await adminCtx.close();
	}
});

test('invalid dates are refused with a message', async ({ page }) => {
	await openTable(page, 'leader');
	const id = (await taskRows(page).first().getAttribute('data-task-id'))!;
	const start = (await cell(page, id, 'start').textContent())!.trim();
	const before = (await cell(page, id, 'due').textContent())!.trim();
	const earlier = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000 * 3).toISOString().slice(0, 10);
	await edit(page, id, 'due', earlier);
	await expect(page.getByRole('alert')).toContainText(zh.tasks_due_before_start);
	await expect(cell(page, id, 'due')).toHaveText(before);
});

test('a leader adds a task and deletes it again', async ({ page }) => {
	await openTable(page, 'leader');
	const count = await total(page);
	await page.getByRole('button', { name: zh.tasks_add }).click();
	await expect.poll(() => total(page)).toBe(count + 1);
	// The new task's title cell has the cursor; Delete on the toolbar removes the active row.
	const focused = page.locator('[role="row"][data-task-id] [data-field="title"]:focus');
	await expect(focused).toHaveText(zh.tasks_new_title);
	await page.getByRole('button', { name: zh.tasks_delete, exact: true }).click();
	await expect.poll(() => total(page)).toBe(count);
});

test('the viewer sees the table read-only', async ({ page }) => {
	await openTable(page, 'viewer');
	await expect(page.getByRole('status', { name: zh.sync_status })).toContainText(zh.sync_read_only);
	expect(await total(page)).toBeGreaterThanOrEqual(30);
	const table = page.getByRole('grid');
	await expect(table).toHaveAttribute('aria-readonly', 'true');
	const id = (await taskRows(page).first().getAttribute('data-task-id'))!;
	await cell(page, id, 'unit').focus();
	await page.keyboard.press('Enter');
	await expect(table.getByRole('textbox')).toHaveCount(0);
	await expect(table.getByRole('combobox')).toHaveCount(0);
	await expect(page.getByRole('button', { name: zh.tasks_add })).toHaveCount(0);
	await shot(page, 'tasks-viewer', false);
});
