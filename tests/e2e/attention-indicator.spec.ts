/**
 * [I6] A coordinator enters their school's figure from the attention list on a phone: the
 * indicators API moves, and a resend after a lost answer (same Idempotency-Key) stores one
 * measurement only. Screenshots of /attention at 375 px in both languages.
 */
import { expect, test, type Browser } from '@playwright/test';
import { inBothLocales, shot, signIn } from './helpers';

// Demo: g2-1 骨干教师占比 is measured per pilot school; `coordinator` is s01's.
const PLAN = 'demo';
const BACKBONE = 'g2-1';
const PHONE = { width: 375, height: 812 };

/** The coordinator's attention list on a phone. */
async function openAttention(browser: Browser) {
	const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await ctx.newPage();
	await signIn(page, 'coordinator');
	await page.goto('/attention');
	return { ctx, page };
}

test('[I6] a coordinator enters a figure from /attention at 375 px; a resend after a lost answer stores it once', async ({ browser }) => {
	const { ctx, page } = await openAttention(browser);
	try {
		const history = async () => (await (await page.request.get(`/api/plans/${PLAN}/indicators/${BACKBONE}/measurements`)).json()).length as number;
		const figure = async () =>
			((await (await page.request.get(`/api/plans/${PLAN}/indicators`)).json()) as { id: string; value: number | null }[]).find((i) => i.id === BACKBONE)!.value;
		const [countBefore, valueBefore] = [await history(), await figure()];

		const row = page.locator(`li[data-indicator-id="${BACKBONE}"]`);
		await expect(row).toHaveCount(1);
		await inBothLocales(page, async (locale) => {
			await shot(page, `attention-coordinator-375-${locale}`);
		});
		// Entered already this cycle (a rerun): it sits folded under the due ones.
		if ((await row.getAttribute('data-due')) === 'false') await page.locator('details summary').click();

		// The first answer is lost on the way back: the server stored it, the phone saw nothing.
		let dropped = false;
		await page.route(`**/api/plans/${PLAN}/indicators/${BACKBONE}/measurements`, async (route) => {
			if (dropped || route.request().method() !== 'POST') return route.continue();
			dropped = true;
			await route.fetch();
			await route.abort('connectionreset');
		});
		await row.locator('button').first().click();
		const value = 77.7;
		await row.locator('input[type="number"]').fill(String(value));
		await row.locator('button[type="submit"]').click();
		await expect(row.getByRole('status')).toContainText(/\S/);
		expect(dropped).toBe(true);
		await row.locator('button[type="submit"]').click();
		await expect.poll(history).toBe(countBefore + 1);
		await expect.poll(figure).not.toBe(valueBefore);
		await expect(page.locator(`li[data-indicator-id="${BACKBONE}"][data-due="false"]`)).toHaveCount(1);
		expect(await history()).toBe(countBefore + 1);
	} finally {
		await ctx.close();
	}
});

test('[I7] a measurement with an evidence file uploads it first and stores its id on the measurement', async ({ browser }) => {
	const { ctx, page } = await openAttention(browser);
	try {
		const row = page.locator(`li[data-indicator-id="${BACKBONE}"]`);
		if ((await row.getAttribute('data-due')) === 'false') await page.locator('details summary').click();
		await row.locator('button').first().click();
		await row.locator('input[type="number"]').fill('41.5');
		await row.locator('input[type="file"]').setInputFiles({ name: 'evidence.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
		await row.locator('button[type="submit"]').click();
		const last = async () => {
			const list = (await (await page.request.get(`/api/plans/${PLAN}/indicators/${BACKBONE}/measurements`)).json()) as { value: number; fileId: string | null }[];
			return list.at(-1)!;
		};
		await expect.poll(async () => (await last()).value).toBe(41.5);
		const { fileId } = await last();
		expect(fileId).toBeTruthy();
		expect((await page.request.get(`/api/files/${fileId}`)).status()).toBe(200);
	} finally {
		await ctx.close();
	}
});
