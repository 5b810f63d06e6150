/**
 * `npm run dev` serves the live rooms too (`server/dev/vite-plugin.ts`): against Vite's dev
 * server, an edit by another leader and a server-side write through the API both reach an open
 * task table live. Runs in the `dev` project of playwright.config.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { planIdOf, signIn, zh } from './helpers';

const synced = (page: Page) =>
	expect(page.getByRole('status', { name: zh.sync_status })).toContainText(zh.sync_synced, { timeout: 60_000 });
const cell = (page: Page, id: string, field: string) => page.locator(`[role="row"][data-task-id="${id}"] [data-field="${field}"]`);

test('the dev server serves /sync: another leader’s edit and an API write reach an open table live', async ({ browser }) => {
	test.setTimeout(180_000);
	const a = await (await browser.newContext()).newPage();
	const b = await (await browser.newContext()).newPage();
	await signIn(a, 'leader');
	const planId = planIdOf(a);
	await a.goto(`/plans/${planId}/tasks`);
	await synced(a);
	await signIn(b, 'admin');
	await b.goto(`/plans/${planId}/tasks`);
	await synced(b);

	const id = (await a.locator('[role="grid"] [role="row"][data-task-id]').nth(1).getAttribute('data-task-id'))!;
	const title = `开发服务器协同 ${Date.now()}`;
	await cell(b, id, 'title').focus();
	await b.keyboard.press('Enter');
	await b.locator('[role="grid"] .editor').fill(title);
	await b.keyboard.press('Enter');
	await expect(cell(a, id, 'title')).toHaveText(title, { timeout: 10_000 });

	// A server-side write (PATCH goes through the room's writer) reaches both pages.
	const res = await b.request.patch(`/api/plans/${planId}/tasks/${id}`, { headers: { origin: new URL(b.url()).origin }, data: { lead: '开发测试员' } });
	expect(res.status()).toBe(200);
	await expect(cell(a, id, 'lead')).toHaveText('开发测试员', { timeout: 10_000 });
	await a.context().close();
	await b.context().close();
});
