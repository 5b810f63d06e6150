/**
 * The plan calendar page in Chromium ([WD4]): a leader sees the 2026 Spring Festival, adds a
 * holiday that is still there after a reload; a viewer reads the same calendar without edit
 * controls. An admin switches the plan to working days and the task table counts a task's
 * duration across the Spring Festival in them ([WD9]). Screenshots in both languages on a
 * desktop and a phone.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
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

/** The plan's day count through the API (the admin's session), so later specs see the default. */
async function putDayCount(page: Page, planId: string, dayCount: 'calendar' | 'working') {
	const res = await page.request.put(`/api/plans/${planId}/calendar/settings`, { headers: { origin: new URL(page.url()).origin }, data: { dayCount } });
	expect(res.ok()).toBe(true);
}

async function chooseDayCount(page: Page, planId: string, label: string) {
	await page.goto(`/plans/${planId}/calendar?year=2026`, { waitUntil: 'networkidle' });
	const saved = page.waitForResponse((r) => r.url().endsWith('/calendar/settings') && r.request().method() === 'PUT');
	await page.getByLabel(zh.calendar_day_count).selectOption({ label });
	expect((await saved).ok()).toBe(true);
}

test('[WD9] an admin switches the plan to working days and the table counts a duration across the Spring Festival in them', async ({ browser }) => {
	const { ctx, page } = await openCalendar(browser, 'admin');
	const planId = planIdOf(page);
	try {
		const tasks: { id: string; start: string; due: string }[] = await (await page.request.get(`/api/plans/${planId}/tasks`)).json();
		// A task running through the whole 2026 Spring Festival break (15–23 Feb).
		const task = tasks.find((t) => t.start <= '2026-02-13' && t.due >= '2026-02-24' && t.due <= '2026-12-31')!;
		expect(task).toBeTruthy();
		const calendarDays = (Date.parse(task.due) - Date.parse(task.start)) / 86_400_000 + 1;
		const { count: workingDays } = await (await page.request.get(`/api/plans/${planId}/working-days?from=${task.start}&to=${task.due}`)).json();
		expect(workingDays).toBeLessThan(calendarDays);
		const duration = (p: Page) => p.locator(`[role="row"][data-task-id="${task.id}"] [data-field="due"] [data-duration]`);

		await page.goto(`/plans/${planId}/tasks?q=${task.id}`, { waitUntil: 'networkidle' });
		await expect(duration(page)).toHaveAttribute('data-duration', String(calendarDays));
		await expect(duration(page)).toHaveText(zh.grid_duration_calendar.replace('{days}', String(calendarDays)));

		await chooseDayCount(page, planId, zh.calendar_day_count_working);
		await page.goto(`/plans/${planId}/tasks?q=${task.id}`, { waitUntil: 'networkidle' });
		await expect(duration(page)).toHaveAttribute('data-duration', String(workingDays));
		await expect(duration(page)).toHaveText(zh.grid_duration_working.replace('{days}', String(workingDays)));
		await expect(page.getByLabel(zh.grid_due_within_working).first()).toBeVisible();
		for (const width of [1280, 375]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(`/plans/${planId}/tasks?q=${task.id}`, { waitUntil: 'networkidle' });
			await inBothLocales(page, async (locale, msgs) => {
				// A card tells the duration in words of its own; a cell beside the due date, short.
				const [shown, words] = width < 640 ? [page.locator(`li[data-task-id="${task.id}"] [data-duration]`), msgs.grid_duration_medium_working] : [duration(page), msgs.grid_duration_working];
				await expect(shown).toHaveText(words.replace('{days}', String(workingDays)));
				await expect(page.locator('.mark', { hasText: msgs.attention_due_soon_working }).first()).toBeVisible();
				await shot(page, `plan-calendar-working-days-${width}-${locale}`, false);
			});
			await page.getByRole('button', { name: en.locale_zh }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		}
		await page.setViewportSize({ width: 1280, height: 900 });

		await chooseDayCount(page, planId, zh.calendar_day_count_calendar);
		await page.goto(`/plans/${planId}/tasks?q=${task.id}`, { waitUntil: 'networkidle' });
		await expect(duration(page)).toHaveAttribute('data-duration', String(calendarDays));
	} finally {
		await putDayCount(page, planId, 'calendar');
		await ctx.close();
	}
});
