/**
 * The plan calendar page in Chromium ([WD4]): a leader sees the 2026 Spring Festival, adds a
 * holiday that is still there after a reload; a viewer reads the same calendar without edit
 * controls. An admin switches the plan to working days and the task table counts a task's
 * duration across the Spring Festival in them ([WD9]); in working days a new task is suggested
 * on working days, 22 of them long ([WD11]), and the Gantt words its length and due soon in them
 * ([WD13]). Screenshots in both languages on a desktop and a phone.
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

test('[WD11] [WD13] in working days a new task is suggested on working days, 22 of them long, and the Gantt words due soon in them', async ({ browser }) => {
	const { ctx, page } = await openCalendar(browser, 'admin');
	const planId = planIdOf(page);
	const count = async (from: string, to: string): Promise<number> =>
		(await (await page.request.get(`/api/plans/${planId}/working-days?from=${from}&to=${to}`)).json()).count;
	try {
		await putDayCount(page, planId, 'working');
		// The first phase, long past: a new task starts at its start and runs its full length inside it.
		await page.goto(`/plans/${planId}/tasks?phase=launch`, { waitUntil: 'networkidle' });
		await page.getByRole('button', { name: zh.tasks_add }).click();
		// Adding drops the filter; the new row, 新任务, is found by a search for it.
		await expect(page).toHaveURL(/\/tasks$/);
		await page.getByLabel(zh.tasks_search).first().fill(zh.tasks_new_title);
		const row = page.locator('[role="row"][data-task-id]', { hasText: zh.tasks_new_title });
		await expect(row).toHaveCount(1);
		const dateOf = async (field: string) => (await row.locator(`[data-field="${field}"]`).textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
		const [start, due] = [await dateOf('start'), await dateOf('due')];
		// Both on working days, the due 22 working days after the start (23 counted with it).
		expect(await count(start, start)).toBe(1);
		expect(await count(due, due)).toBe(1);
		expect(await count(start, due)).toBe(23);
		await row.locator('[data-field="title"]').click();
		await page.getByRole('button', { name: zh.tasks_delete, exact: true }).click();
		await expect(row).toHaveCount(0);

		await page.goto(`/plans/${planId}/gantt`, { waitUntil: 'networkidle' });
		const summary = new RegExp(zh.gantt_summary_working.replace('{tasks}', '\\d+').replace('{days}', '\\d+'));
		await expect(page.getByText(summary)).toBeVisible();
		await page.getByRole('button', { name: zh.gantt_mode_table }).click();
		await expect(page.getByRole('cell', { name: zh.gantt_state_done, exact: true }).first()).toBeVisible();
		// Due soon never reads in calendar days in a plan that counts working days.
		await expect(page.getByRole('cell', { name: zh.gantt_state_due_soon, exact: true })).toHaveCount(0);
		await expect(page.getByRole('cell', { name: zh.gantt_state_due_soon_working, exact: true }).first()).toBeVisible();
	} finally {
		await putDayCount(page, planId, 'calendar');
		await ctx.close();
	}
});
