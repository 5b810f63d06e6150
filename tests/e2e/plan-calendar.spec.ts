/**
 * The plan calendar page in Chromium ([WD4]): a leader sees the 2026 Spring Festival, adds a
 * holiday that is still there after a reload; a viewer reads the same calendar without edit
 * controls. Screenshots in both languages on a desktop and a phone.
 */
import { expect, test, type Browser } from '@playwright/test';
import { en, inBothLocales, planIdOf, shot, signIn, zh } from './helpers';

async function openCalendar(browser: Browser, username: string, viewport = { width: 1280, height: 900 }) {
	const ctx = await browser.newContext({ viewport });
	const page = await ctx.newPage();
	await signIn(page, username);
	await page.goto(`/plans/${planIdOf(page)}/calendar?year=2026`, { waitUntil: 'networkidle' });
	return { ctx, page };
}

test('[WD4] a leader sees the 2026 Spring Festival, adds a holiday, and it persists after a reload', async ({ browser }) => {
	const { ctx, page } = await openCalendar(browser, 'leader');
	try {
		await expect(page.locator('tr[data-date="2026-02-16"]')).toContainText('春节');
		await expect(page.locator('tr[data-date="2026-02-14"]')).toContainText(zh.calendar_kind_makeup);
		const form = page.getByRole('form', { name: zh.calendar_add_day });
		await form.getByLabel(zh.calendar_date).fill('2026-03-03');
		await form.getByLabel(zh.calendar_name).fill('校庆日');
		await form.getByRole('button', { name: zh.calendar_add_day }).click();
		await page.getByRole('button', { name: zh.calendar_save }).click();
		await expect(page.getByRole('status').filter({ hasText: zh.calendar_saved })).toBeVisible();
		await page.reload({ waitUntil: 'networkidle' });
		await expect(page.locator('tr[data-date="2026-03-03"]')).toContainText('校庆日');
		await expect(page.locator('tr[data-date="2026-02-16"]')).toContainText('春节');
	} finally {
		await ctx.close();
	}
});

test('[WD4] a viewer reads the calendar without edit controls', async ({ browser }) => {
	const { ctx, page } = await openCalendar(browser, 'viewer');
	try {
		await expect(page.locator('tr[data-date="2026-02-16"]')).toBeVisible();
		await expect(page.getByRole('button', { name: zh.calendar_save })).toHaveCount(0);
		await expect(page.getByRole('form', { name: zh.calendar_add_day })).toHaveCount(0);
		await expect(page.getByRole('button', { name: zh.calendar_remove })).toHaveCount(0);
	} finally {
		await ctx.close();
	}
});

test('[WD4] calendar page screenshots at 1280 and 375 px, Chinese and English', async ({ browser }) => {
	for (const width of [1280, 375]) {
		const { ctx, page } = await openCalendar(browser, 'leader', { width, height: 900 });
		try {
			await inBothLocales(page, async (locale, msgs) => {
				await expect(page.getByRole('heading', { name: msgs.nav_calendar, level: 1 })).toBeVisible();
				await shot(page, `plan-calendar-${width}-${locale}`);
			});
			await page.goto(page.url().replace('year=2026', 'year=2031'), { waitUntil: 'networkidle' });
			await expect(page.getByText(en.calendar_weekends_only)).toBeVisible();
		} finally {
			await ctx.close();
		}
	}
});
