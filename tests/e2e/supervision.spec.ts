/**
 * Reporting and supervision in Chromium ([RC4], [SN1]–[SN3]): the leading group's page shows a unit
 * as missing until its staff member sends a nil report from the attention list on a phone; a
 * notice issued on an overdue task reaches that unit's attention list, and closes after its reply
 * once the task is done; the demo's briefing opens as a page and a PDF, and a new one is drafted,
 * edited and published. Screenshots in both languages at desktop and phone widths.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inBothLocales, OUTPUT, shot, signIn, zh } from './helpers';

const PHONE = { width: 375, height: 812 };
const PLAN = 'demo';
const UNIT = '教研中心';

async function open(browser: Browser, user: string, path: string, phone = false) {
	const ctx = await browser.newContext(phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {});
	const page = await ctx.newPage();
	await signIn(page, user);
	await page.goto(path);
	return { ctx, page };
}

const reporter = (page: Page) => page.locator('ul.reporters li').filter({ hasText: UNIT });

/** A task write as a script sends it: JSON, with the server's own Origin. */
async function patchTask(page: Page, taskId: string, fields: object) {
	const origin = new URL(page.url()).origin;
	const res = await page.request.patch(`/api/plans/${PLAN}/tasks/${taskId}`, { data: fields, headers: { origin } });
	expect(res.status()).toBe(200);
}

test('a unit missing its report shows as reported after its staff sends a nil report from a phone', async ({ browser }) => {
	const leader = await open(browser, 'leader', `/plans/${PLAN}/supervision`);
	await expect(reporter(leader.page)).toHaveAttribute('data-status', 'missing');
	await shot(leader.page, 'supervision-leader-zh');

	const staff = await open(browser, 'staff', '/attention', true);
	const current = await (await staff.page.request.get(`/api/plans/${PLAN}/reports/current`)).json();
	const item = staff.page.locator('li[data-kind="report"]').filter({ hasText: current.cycle.start });
	await expect(item).toBeVisible();
	await shot(staff.page, 'attention-staff-phone-zh');
	await item.getByRole('button', { name: zh.sv_nil_button }).click();
	await expect(item).toHaveCount(0);

	await expect(reporter(leader.page)).toHaveAttribute('data-status', 'nil', { timeout: 10_000 });
	await expect(reporter(leader.page)).toContainText(zh.sv_status_nil);
	await leader.ctx.close();
	await staff.ctx.close();
});

test('a notice on an overdue task reaches the unit’s attention list and closes after the reply once the task is done', async ({ browser }) => {
	const leader = await open(browser, 'leader', `/plans/${PLAN}/supervision`);
	const tasks: { id: string; unit: string; title: string; start: string; due: string }[] = await (await leader.page.request.get(`/api/plans/${PLAN}/tasks`)).json();
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
	const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
	// a task of the unit running now: moving its due to yesterday keeps it inside its phase
	const task = tasks.find((t) => t.unit === UNIT && t.start < yesterday && t.due >= yesterday)!;
	expect(task, `a task of ${UNIT} running on ${today}`).toBeTruthy();
	await patchTask(leader.page, task.id, { status: 'doing', progress: 40, due: yesterday });
	await leader.page.reload();

	const target = leader.page.locator(`[data-target="${task.id}"]`);
	await expect(target).toHaveAttribute('data-level', 'red');
	await target.getByRole('button', { name: zh.sv_issue }).click();
	await target.getByRole('button', { name: zh.sv_issue }).click();
	const notice = leader.page.locator('article.notice').filter({ hasText: task.title });
	await expect(notice).toHaveAttribute('data-status', 'open');
	await expect(notice).toHaveAttribute('data-level', 'red');

	const staff = await open(browser, 'staff', '/attention', true);
	const item = staff.page.locator('li[data-kind="notice"]').filter({ hasText: task.title });
	await expect(item).toBeVisible();
	await item.getByLabel(zh.sv_notice_reply_label).fill('已安排专人补齐，本周内完成');
	await item.getByRole('button', { name: zh.sv_notice_send_reply }).click();
	await expect(item).toHaveAttribute('data-state', 'behind');
	await expect(notice).toHaveAttribute('data-status', 'answered', { timeout: 10_000 });

	await patchTask(leader.page, task.id, { status: 'done', progress: 100 });
	await leader.page.getByLabel(zh.sv_filter).selectOption('all');
	await expect(notice).toHaveAttribute('data-status', 'closed', { timeout: 10_000 });
	await expect(item).toHaveCount(0, { timeout: 10_000 });
	await leader.ctx.close();
	await staff.ctx.close();
});

test('the supervision page reads in both languages on desktop and phone; a viewer sees no issuing', async ({ browser }) => {
	for (const phone of [false, true]) {
		const { ctx, page } = await open(browser, 'leader', `/plans/${PLAN}/supervision`, phone);
		await inBothLocales(page, async (locale, msgs) => {
			await expect(page.getByRole('heading', { name: msgs.sv_title })).toBeVisible();
			await shot(page, `supervision-${phone ? 'phone' : 'desktop'}-${locale}`);
		});
		await ctx.close();
	}
	const viewer = await open(browser, 'viewer', `/plans/${PLAN}/supervision`);
	await expect(viewer.page.getByRole('heading', { name: zh.sv_notices })).toBeVisible();
	await expect(viewer.page.getByRole('heading', { name: zh.sv_targets })).toHaveCount(0);
	await expect(viewer.page.getByRole('button', { name: zh.sv_issue })).toHaveCount(0);
	await viewer.ctx.close();
});

test('the demo’s published briefing opens as a page and as an A4 PDF; a leader drafts, edits and publishes one', async ({ browser }) => {
	const { ctx, page } = await open(browser, 'leader', `/plans/${PLAN}/supervision`);
	const published = page.locator('li[data-status="published"]').first();
	await published.getByRole('link').click();
	await expect(page.getByRole('heading', { name: zh.br_section_summary })).toBeVisible();
	await expect(page.locator('article.briefing')).toHaveAttribute('data-status', 'published');
	await shot(page, 'briefing-published-zh');
	const pdfHref = await page.getByRole('link', { name: zh.br_pdf }).getAttribute('href');
	const pdf = await page.request.get(pdfHref!);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const bytes = await pdf.body();
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	mkdirSync(OUTPUT, { recursive: true });
	writeFileSync(join(OUTPUT, 'briefing-demo.pdf'), bytes);

	await page.goto(`/plans/${PLAN}/supervision`);
	await page.getByRole('button', { name: zh.br_new }).click();
	await expect(page.locator('article.briefing')).toHaveAttribute('data-status', 'draft');
	await page.getByLabel(zh.br_section_next).fill('下一步：逐项督办。');
	await page.getByRole('button', { name: zh.br_publish }).click();
	await expect(page.locator('article.briefing')).toHaveAttribute('data-status', 'published');
	await expect(page.locator('[data-section="next"]')).toContainText('下一步：逐项督办。');
	await ctx.close();
});

test('a coordinator sends the school’s report with an indicator figure from a phone; the figure reaches the indicator', async ({ browser }) => {
	const { ctx, page } = await open(browser, 'coordinator', `/plans/${PLAN}/supervision`, true);
	const indicators: { id: string; name: string; scope: string }[] = await (await page.request.get(`/api/plans/${PLAN}/indicators`)).json();
	const target = indicators.find((i) => i.scope === 'school')!;
	const mine = page.locator('.mine li').filter({ has: page.locator('[data-reporter-id]') }).first();
	await expect(mine.locator('.badge')).toHaveAttribute('data-status', 'missing');
	await mine.getByRole('button', { name: zh.sv_write_report }).click();
	await mine.getByLabel(target.name).fill('97.9');
	await shot(page, 'supervision-coordinator-report-phone-zh');
	await mine.getByRole('button', { name: zh.sv_submit }).click();
	await expect(mine.locator('.badge')).toHaveAttribute('data-status', 'submitted', { timeout: 10_000 });
	const history: { value: number; schoolId: string; source: string }[] = await (await page.request.get(`/api/plans/${PLAN}/indicators/${target.id}/measurements`)).json();
	expect(history.filter((h) => h.value === 97.9 && h.source === zh.sv_value_source)).toHaveLength(1);
	await ctx.close();
});
