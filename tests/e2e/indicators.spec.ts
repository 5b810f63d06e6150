/**
 * The indicators page in Chromium (issue 19's "Done when"): a measurement entered by a school
 * moves the indicator's roll-up on a leader's open page without a reload ([I5]); a coordinator
 * enters their own school's figure through the form, the school fixed; a leader's measurement with
 * a PDF shows in the folded history with a link to its evidence ([I8]); screenshots in both
 * languages on a desktop and a phone.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { inBothLocales, planIdOf, shot, signIn, zh } from './helpers';

// Demo: g2-1 骨干教师占比 is measured per pilot school; the `coordinator` account is s01 城关第一小学's.
const BACKBONE = 'g2-1';
const card = (page: Page, id = BACKBONE) => page.locator(`[data-indicator-id="${id}"]`);
const shownValue = async (page: Page) => Number(((await card(page).locator('[data-figure="value"]').textContent()) ?? '').replace('%', ''));

async function openIndicators(browser: Browser, username: string, viewport = { width: 1280, height: 800 }) {
	const ctx = await browser.newContext({ viewport });
	const page = await ctx.newPage();
	await signIn(page, username);
	const planId = planIdOf(page);
	await page.goto(`/plans/${planId}/indicators`, { waitUntil: 'networkidle' });
	return { ctx, page, planId };
}

test('[I5] a measurement entered by a school moves the roll-up on an open indicators page, without a reload', async ({ browser }) => {
	const leader = await openIndicators(browser, 'leader');
	const school = await openIndicators(browser, 'coordinator');
	try {
		await expect(card(leader.page)).toBeVisible();
		const before = await shownValue(leader.page);
		expect(before).toBeGreaterThan(0);
		// A marker that a reload would wipe.
		await leader.page.evaluate(() => ((window as unknown as { stay: number }).stay = 1));
		const figures = (await (await school.page.request.get(`/api/plans/${school.planId}/indicators`)).json()) as { id: string; value: number }[];
		expect(figures.find((f) => f.id === BACKBONE)!.value).toBe(before);
		const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
		const res = await school.page.request.post(`/api/plans/${school.planId}/indicators/${BACKBONE}/measurements`, {
			headers: { origin: new URL(school.page.url()).origin, 'idempotency-key': `e2e-${Date.now()}` },
			data: { value: 80, date: today, schoolId: 's01', source: '学校自查' }
		});
		expect(res.status()).toBe(201);
		await expect.poll(() => shownValue(leader.page), { timeout: 8_000 }).toBeGreaterThan(before);
		expect(await leader.page.evaluate(() => (window as unknown as { stay?: number }).stay)).toBe(1);
		await expect(card(leader.page).locator('[data-school-id="s01"]')).toContainText('80%');
	} finally {
		await leader.ctx.close();
		await school.ctx.close();
	}
});

test('[I4][I5] a coordinator enters their own school’s figure through the form; district figures are not offered', async ({ browser }) => {
	const { ctx, page } = await openIndicators(browser, 'coordinator', { width: 375, height: 800 });
	try {
		await expect(card(page, 'g1-2').getByRole('button', { name: zh.indicators_add })).toHaveCount(0);
		await card(page).getByRole('button', { name: zh.indicators_add }).click();
		const form = card(page).getByRole('form');
		const school = form.getByLabel(zh.indicators_form_school);
		await expect(school).toBeDisabled();
		await expect(school.locator('option:checked')).toHaveText('城关第一小学');
		await form.getByLabel(zh.indicators_form_value.replace('{unit}', '%')).fill('');
		await form.getByRole('button', { name: zh.indicators_form_save }).click();
		await expect(form.getByText(zh.indicators_error_value)).toBeVisible();
		await form.getByLabel(zh.indicators_form_value.replace('{unit}', '%')).fill('41.5');
		await form.getByRole('button', { name: zh.indicators_form_save }).click();
		await expect(form.getByRole('status')).toContainText('41.5%');
		await expect(card(page).locator('[data-school-id="s01"]')).toContainText('41.5%');
		await shot(page, 'indicators-coordinator-375');
	} finally {
		await ctx.close();
	}
});

test('indicators page screenshots: zh-CN and en, desktop and phone', async ({ browser }) => {
	for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 800 }]) {
		const { ctx, page } = await openIndicators(browser, 'leader', viewport);
		try {
			await inBothLocales(page, async (locale) => {
				await expect(card(page)).toBeVisible();
				// Nothing sticks out sideways on a phone.
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
				await shot(page, `indicators-${locale}-${viewport.width}`);
			});
		} finally {
			await ctx.close();
		}
	}
});

test('[I8] a measurement entered with a PDF shows in the indicator history, opened by keyboard, with an evidence link that answers 200', async ({ browser }) => {
	for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 800 }]) {
		const { ctx, page } = await openIndicators(browser, 'leader', viewport);
		try {
			if (viewport.width === 1280) {
				await card(page).getByRole('button', { name: zh.indicators_add }).click();
				const form = card(page).getByRole('form');
				await form.getByLabel(zh.indicators_form_school).selectOption({ label: '实验小学' });
				await form.getByLabel(zh.indicators_form_value.replace('{unit}', '%')).fill('43.2');
				await form.getByLabel(zh.indicators_form_source).fill('教务处抽查');
				await form.locator('input[type="file"]').setInputFiles({ name: 'evidence.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
				await form.getByRole('button', { name: zh.indicators_form_save }).click();
				await expect(form.getByRole('status')).toContainText('43.2%');
				await form.getByRole('button', { name: zh.indicators_form_cancel }).click();
			}
			await inBothLocales(page, async (locale, msgs) => {
				const toggle = card(page).getByRole('button', { name: msgs.indicators_history });
				await expect(toggle).toHaveAttribute('aria-expanded', 'false');
				await toggle.focus();
				await page.keyboard.press('Enter');
				await expect(toggle).toHaveAttribute('aria-expanded', 'true');
				const newest = card(page).getByRole('list', { name: msgs.indicators_history_label.replace('{name}', (await card(page).locator('h3').textContent())!) }).getByRole('listitem').first();
				await expect(newest).toContainText('43.2%');
				await expect(newest).toContainText('教务处抽查');
				await expect(newest).toContainText('实验小学');
				const link = newest.getByRole('link', { name: msgs.indicators_history_evidence });
				const href = (await link.getAttribute('href'))!;
				expect(href).toMatch(/^\/api\/files\/[^/]+$/);
				expect((await page.request.get(href)).status()).toBe(200);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
				await newest.scrollIntoViewIfNeeded();
				await shot(page, `indicator-history-${locale}-${viewport.width}`, false);
				if (locale === 'zh-CN') await toggle.click();
			});
		} finally {
			await ctx.close();
		}
	}
});
