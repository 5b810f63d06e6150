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

const taskRows = (page: Page) => page.locator('tbody tr[data-task]');

test('the task table shows the whole plan with its columns', async ({ page }) => {
	await openTable(page, 'leader');
	const table = page.getByRole('table');
	for (const key of ['tasks_col_no', 'tasks_col_workstream', 'tasks_col_title', 'tasks_col_unit', 'tasks_col_lead', 'tasks_col_start', 'tasks_col_due', 'tasks_col_phase', 'tasks_col_status', 'tasks_col_progress']) {
		await expect(table.getByRole('columnheader', { name: zh[key], exact: true })).toBeVisible();
	}
	expect(await taskRows(page).count()).toBeGreaterThanOrEqual(30);
	const first = await taskRows(page).first().getAttribute('data-task');
	await expect(page.getByRole('textbox', { name: `${zh.tasks_col_title} ${first}` })).toBeEditable();
});

test('filters live in the query string', async ({ page }) => {
	const planId = await openTable(page, 'leader');
	const all = await taskRows(page).count();
	await page.getByLabel(zh.tasks_col_phase, { exact: true }).selectOption('pilot');
	await expect(page).toHaveURL(new RegExp(`/plans/${planId}/tasks\\?phase=pilot$`));
	const pilot = await taskRows(page).count();
	expect(pilot).toBeGreaterThan(0);
	expect(pilot).toBeLessThan(all);
	await page.reload();
	await synced(page);
	await expect(taskRows(page)).toHaveCount(pilot);
	await page.getByRole('link', { name: zh.tasks_clear_filters }).click();
	await expect(taskRows(page)).toHaveCount(all);
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

		const id = (await taskRows(a).nth(1).getAttribute('data-task'))!;
		const label = `${zh.tasks_col_title} ${id}`;
		const title = `E2E 协同编辑 ${Date.now()}`;
		const cellA = a.getByRole('textbox', { name: label });
		await cellA.click();
		// B sees which cell A is in.
		await expect(b.getByRole('note').filter({ hasText: leaderName })).toBeVisible();
		await shot(b, 'tasks-presence', false);
		await cellA.fill(title);
		await cellA.press('Enter');
		await expect(b.getByRole('textbox', { name: label })).toHaveValue(title, { timeout: 5_000 });

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

		const id = (await taskRows(a).nth(2).getAttribute('data-task'))!;
		const label = `${zh.tasks_col_lead} ${id}`;
		const lead = `离线编辑 ${Date.now() % 100000}`;
		await a.getByRole('textbox', { name: label }).fill(lead);
		await a.getByRole('textbox', { name: label }).press('Enter');

		await leaderCtx.setOffline(false);
		await synced(a);
		await expect(b.getByRole('textbox', { name: label })).toHaveValue(lead, { timeout: 10_000 });
	} finally {
		await leaderCtx.close();
		await adminCtx.close();
	}
});

test('invalid dates are refused with a message', async ({ page }) => {
	await openTable(page, 'leader');
	const id = (await taskRows(page).first().getAttribute('data-task'))!;
	const start = await page.getByLabel(`${zh.tasks_col_start} ${id}`).inputValue();
	const due = page.getByLabel(`${zh.tasks_col_due} ${id}`);
	const before = await due.inputValue();
	const earlier = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000 * 3).toISOString().slice(0, 10);
	await due.fill(earlier);
	await due.blur();
	await expect(page.getByRole('alert')).toHaveText(zh.tasks_due_before_start);
	await expect(due).toHaveValue(before);
});

test('a leader adds a task and deletes it again', async ({ page }) => {
	await openTable(page, 'leader');
	const count = await taskRows(page).count();
	await page.getByRole('button', { name: zh.tasks_add }).click();
	await expect(taskRows(page)).toHaveCount(count + 1);
	const id = (await taskRows(page).last().getAttribute('data-task'))!;
	await expect(page.getByRole('textbox', { name: `${zh.tasks_col_title} ${id}` })).toBeFocused();
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: zh.tasks_delete_label.replace('{id}', id) }).click();
	await expect(taskRows(page)).toHaveCount(count);
});

test('the viewer sees the table read-only', async ({ page }) => {
	await openTable(page, 'viewer');
	await expect(page.getByRole('status', { name: zh.sync_status })).toContainText(zh.sync_read_only);
	expect(await taskRows(page).count()).toBeGreaterThanOrEqual(30);
	const table = page.getByRole('table');
	await expect(table.getByRole('textbox')).toHaveCount(0);
	await expect(table.getByRole('combobox')).toHaveCount(0);
	await expect(table.getByRole('spinbutton')).toHaveCount(0);
	await expect(page.getByRole('button', { name: zh.tasks_add })).toHaveCount(0);
	await shot(page, 'tasks-viewer', false);
});
