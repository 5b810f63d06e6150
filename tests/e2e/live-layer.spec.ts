/**
 * The live-documents layer in Chromium: one socket per room across the plan's pages, a visited
 * page that opens and edits with the network off, and nothing left in IndexedDB after sign-out.
 */
import { expect, test, type Page } from '@playwright/test';
import { planIdOf, signIn, zh } from './helpers';

const status = (page: Page) => page.getByRole('status', { name: zh.sync_status });
const synced = (page: Page) => expect(status(page)).toContainText(zh.sync_synced, { timeout: 15_000 });
const taskRows = (page: Page) => page.locator('[role="grid"] [role="row"][data-task-id]');
/** The total the task page announces (rows are virtualized, so not all are in the DOM). */
const total = async (page: Page) => Number(/\/\s*(\d+)/.exec((await page.locator('.page-title .muted').textContent()) ?? '')?.[1]);

/** Waits until the service worker controls the page (it claims clients when it activates). */
async function controlled(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
}

test('moving between the plan’s pages opens the plan room’s socket once and never re-syncs', async ({ page }) => {
	const sockets: string[] = [];
	page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
	await signIn(page, 'leader');
	const planId = planIdOf(page);
	await synced(page);
	const nav = page.getByRole('navigation', { name: zh.nav_main });
	for (const name of [zh.nav_tasks, zh.nav_gantt, zh.nav_overview, zh.nav_tasks]) {
		await nav.getByRole('link', { name, exact: true }).click();
		await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
	}
	await expect(taskRows(page).first()).toBeVisible();
	await synced(page);
	expect(sockets.filter((p) => p === `/sync/plan:${planId}`)).toHaveLength(1);
	expect(sockets).toHaveLength(1);
});

test('a page visited before opens offline from the cache, and its edit reaches another person after reconnect', async ({
	browser
}) => {
	const leaderCtx = await browser.newContext();
	const adminCtx = await browser.newContext();
	const a = await leaderCtx.newPage();
	const b = await adminCtx.newPage();
	try {
		await signIn(a, 'leader');
		const planId = planIdOf(a);
		await a.goto(`/plans/${planId}/tasks`);
		await controlled(a);
		// Visited once under the service worker, the page and its documents are kept.
		await a.reload();
		await synced(a);
		const count = await total(a);
		expect(count).toBeGreaterThan(30);

		await signIn(b, 'admin');
		await b.goto(`/plans/${planId}/tasks`);
		await synced(b);

		await leaderCtx.setOffline(true);
		await a.reload();
		await expect.poll(() => total(a), { timeout: 15_000 }).toBe(count);
		await expect(status(a)).toContainText(zh.sync_offline);

		const id = (await taskRows(a).nth(3).getAttribute('data-task-id'))!;
		const unitCell = (p: typeof a) => p.locator(`[role="row"][data-task-id="${id}"] [data-field="unit"]`);
		const unit = `离线单位 ${Date.now() % 100000}`;
		await unitCell(a).focus();
		await a.keyboard.press('Enter');
		await a.locator('[role="grid"] .editor').fill(unit);
		await a.keyboard.press('Enter');
		await expect(status(a)).toContainText(zh.sync_pending.replace('{count}', '1'));

		await leaderCtx.setOffline(false);
		await expect(unitCell(b)).toHaveText(unit, { timeout: 15_000 });
		await synced(a);
		await expect(status(a).locator('[data-pending="0"]')).toBeVisible();
	} finally {
		await leaderCtx.close();
		await adminCtx.close();
	}
});

test('after sign-out no cached document remains in IndexedDB', async ({ page }) => {
	await signIn(page, 'coordinator');
	const planId = planIdOf(page);
	await page.goto(`/plans/${planId}/tasks`);
	await synced(page);
	const names = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
	await expect.poll(async () => (await names()).filter((n) => n.startsWith('qp:')).length).toBeGreaterThan(0);
	await page.getByRole('button', { name: zh.nav_sign_out }).click();
	await expect(page).toHaveURL(/\/login/);
	expect((await names()).filter((n) => n.startsWith('qp:'))).toEqual([]);
	const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('qp-pages-')));
	expect(cached).toEqual([]);
});
