/**
 * The Gantt in Chromium (issue 10's "done when"): live drags between two people, edge drags,
 * dependencies by dragging, a refused cycle, the early-start fix and its one-step undo, the
 * critical path equal to the schedule route, PNG and PDF output (looked at by a person), and
 * screenshots in both languages on a desktop and a phone.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT, en, planIdOf, shot, signIn, zh } from './helpers';

const status = (page: Page, msgs = zh) => page.getByRole('status', { name: msgs.sync_status });
const synced = (page: Page, msgs = zh) => expect(status(page, msgs)).toContainText(msgs.sync_synced, { timeout: 15_000 });
/** Pixels per day of the chart, to drag by whole days. */
const ppd = async (page: Page) => Number(await page.locator('[data-px-per-day]').getAttribute('data-px-per-day'));
const bar = (page: Page, id: string) => page.locator(`.bar[data-task-id="${id}"]`);

async function openGantt(page: Page, user: string): Promise<string> {
	await signIn(page, user);
	const planId = planIdOf(page);
	await page.goto(`/plans/${planId}/gantt`);
	await synced(page);
	// The whole plan in view, so every bar is drawn (the chart draws only what is in view).
	await page.getByRole('button', { name: zh.gantt_zoom_plan, exact: true }).click();
	await expect(page.locator('[data-zoom="plan"]')).toBeVisible();
	await expect(page.locator('.bar[data-task-id]').first()).toBeVisible();
	return planId;
}

async function twoLeaders(browser: Browser) {
	const ctxA = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
	const ctxB = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
	const a = await ctxA.newPage();
	const b = await ctxB.newPage();
	const planId = await openGantt(a, 'leader');
	await openGantt(b, 'admin');
	return { a, b, planId, close: async () => (await ctxA.close(), await ctxB.close()) };
}

/** A task with no dependencies either way, far from its phase's edges (room to move). */
async function freeTask(page: Page): Promise<{ id: string; start: string; due: string }> {
	const planId = planIdOf(page);
	const tasks = (await (await page.request.get(`/api/plans/${planId}/tasks`)).json()) as { id: string; start: string; due: string; deps: string[]; phase: string }[];
	const used = new Set(tasks.flatMap((t) => t.deps));
	const t = tasks.find((t) => t.deps.length === 0 && !used.has(t.id) && t.phase === 'rollout')!;
	return t;
}

async function dragBy(page: Page, locator: ReturnType<Page['locator']>, dx: number) {
	const box = (await locator.boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y);
	return { up: () => page.mouse.up() };
}

test('a bar dragged by one person moves for another, live, with the drag in progress shown; one undo takes it back', async ({ browser }) => {
	const { a, b, close } = await twoLeaders(browser);
	try {
		const t = await freeTask(a);
		const body = bar(a, t.id).locator('.body');
		const drag = await dragBy(a, body, (await ppd(a)) * 5); // 5 days
		// While the mouse is still down the other person sees the drag through presence.
		await expect(b.locator(`[data-peer-drag="${t.id}"]`)).toBeVisible();
		await drag.up();
		const moved = await bar(a, t.id).getAttribute('data-start');
		expect(moved).not.toBe(t.start);
		await expect(bar(b, t.id)).toHaveAttribute('data-start', moved!);
		await expect(b.locator(`[data-peer-drag="${t.id}"]`)).toHaveCount(0);
		await a.keyboard.press('Control+z');
		await expect(bar(b, t.id)).toHaveAttribute('data-start', t.start);
		await expect(bar(b, t.id)).toHaveAttribute('data-due', t.due);
	} finally {
		await close();
	}
});

test('an edge drag changes only that date; keyboard arrows move a day and Shift+arrows change the length', async ({ browser }) => {
	const { a, b, close } = await twoLeaders(browser);
	try {
		const t = await freeTask(a);
		const edge = bar(a, t.id).locator('[data-edge="due"]');
		const drag = await dragBy(a, edge, (await ppd(a)) * 3);
		await drag.up();
		await expect(bar(b, t.id)).not.toHaveAttribute('data-due', t.due);
		await expect(bar(b, t.id)).toHaveAttribute('data-start', t.start);
		const due = await bar(a, t.id).getAttribute('data-due');
		// Keyboard equivalents on the focused bar.
		await bar(a, t.id).focus();
		await a.keyboard.press('ArrowRight');
		await expect(bar(b, t.id)).not.toHaveAttribute('data-start', t.start);
		await a.keyboard.press('Shift+ArrowLeft');
		await a.keyboard.press('Enter');
		await expect(a.getByRole('dialog')).toBeVisible();
		await a.keyboard.press('Escape');
		// Undo three times: back to where it was.
		for (let i = 0; i < 3; i++) await a.keyboard.press('Control+z');
		await expect(bar(b, t.id)).toHaveAttribute('data-start', t.start);
		await expect(bar(b, t.id)).toHaveAttribute('data-due', t.due);
		expect(due).not.toBe(t.due);
	} finally {
		await close();
	}
});

test('a dependency made by dragging appears for both; the arrow’s menu removes it; a cycle is refused with a clear message', async ({ browser }) => {
	const { a, b, planId, close } = await twoLeaders(browser);
	try {
		const tasks = (await (await a.request.get(`/api/plans/${planId}/tasks`)).json()) as { id: string; deps: string[]; title: string }[];
		// The demo's first task and a launch task that depends on it.
		const first = tasks[0];
		const second = tasks.find((t) => t.deps.includes(first.id))!;
		const free = await freeTask(a);
		// Link free → … : from the free task's end handle onto the first task (a new dependency).
		await bar(a, free.id).hover();
		const handle = bar(a, free.id).locator('[data-link-handle]');
		const hb = (await handle.boundingBox())!;
		const target = (await bar(a, second.id).locator('.body').boundingBox())!;
		await a.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
		await a.mouse.down();
		await a.mouse.move(target.x + 20, target.y + target.height / 2, { steps: 10 });
		await a.mouse.up();
		const key = `${free.id}>${second.id}`;
		await expect(a.locator(`[data-link="${key}"]`)).toHaveCount(1);
		await expect(b.locator(`[data-link="${key}"]`)).toHaveCount(1);
		// Remove it from the arrow's menu on the other side.
		await b.locator(`[data-link="${key}"]`).dispatchEvent('click');
		await b.getByRole('menuitem', { name: zh.gantt_unlink }).click();
		await expect(a.locator(`[data-link="${key}"]`)).toHaveCount(0);

		// A cycle: second already depends on first, so first → after second is refused.
		await bar(a, second.id).hover();
		const h2 = (await bar(a, second.id).locator('[data-link-handle]').boundingBox())!;
		const t1 = (await bar(a, first.id).locator('.body').boundingBox())!;
		await a.mouse.move(h2.x + h2.width / 2, h2.y + h2.height / 2);
		await a.mouse.down();
		await a.mouse.move(t1.x + 10, t1.y + t1.height / 2, { steps: 10 });
		await a.mouse.up();
		await expect(a.getByRole('alert')).toContainText('循环');
		await expect(a.locator(`[data-link="${second.id}>${first.id}"]`)).toHaveCount(0);
	} finally {
		await close();
	}
});

test('the “move after predecessor” fix resolves an early start, pushing successors, and one undo restores it', async ({ browser }) => {
	const { a, b, planId, close } = await twoLeaders(browser);
	try {
		const tasks = (await (await a.request.get(`/api/plans/${planId}/tasks`)).json()) as { id: string; deps: string[]; start: string; due: string }[];
		// Pull a task with a predecessor and successors one day before its predecessor's due day.
		const succOf = (id: string) => tasks.filter((t) => t.deps.includes(id));
		const t = tasks.find((x) => x.deps.length === 1 && succOf(x.id).length > 0 && tasks.find((p) => p.id === x.deps[0])!.due.slice(5, 7) === x.start.slice(5, 7))
			?? tasks.find((x) => x.deps.length === 1 && succOf(x.id).length > 0)!;
		const pred = tasks.find((p) => p.id === t.deps[0])!;
		await bar(a, t.id).focus();
		const days = Math.round((Date.parse(t.start) - Date.parse(pred.due)) / 86_400_000);
		for (let i = 0; i < days; i++) await a.keyboard.press('ArrowLeft');
		const violation = a.locator(`[data-violation="${pred.id}>${t.id}"]`);
		await expect(violation).toBeVisible();
		await expect(b.locator(`[data-violation="${pred.id}>${t.id}"]`)).toBeVisible();
		const before = await bar(a, t.id).getAttribute('data-start');
		await violation.getByRole('button', { name: zh.gantt_fix_early }).click();
		await expect(violation).toHaveCount(0);
		await expect(bar(b, t.id)).not.toHaveAttribute('data-start', before!);
		await a.keyboard.press('Control+z');
		await expect(a.locator(`[data-violation="${pred.id}>${t.id}"]`)).toBeVisible();
		await expect(bar(b, t.id)).toHaveAttribute('data-start', before!);
		// Put the demo back for the other tests.
		for (let i = 0; i < days; i++) await a.keyboard.press('Control+z');
		await expect(bar(b, t.id)).toHaveAttribute('data-start', t.start);
	} finally {
		await close();
	}
});

test('the critical path of the demo plan is highlighted exactly as the schedule route says, with slack on hover', async ({ browser }) => {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 2400 } });
	const page = await ctx.newPage();
	try {
		const planId = await openGantt(page, 'viewer');
		await page.getByLabel(zh.gantt_show_critical).check();
		const route = (await (await page.request.get(`/api/plans/${planId}/schedule`)).json()) as { tasks: { id: string; critical: boolean; slack: number | null }[] };
		const expected = route.tasks.filter((t) => t.critical).map((t) => t.id).sort();
		expect(expected.length).toBeGreaterThan(0);
		// The chart draws only the rows in view: scroll through it and collect every bar's mark.
		const seen = await page.locator('.frame').evaluate(async (frame) => {
			const out: Record<string, string> = {};
			for (let top = 0; ; top += 300) {
				frame.scrollTop = top;
				await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
				for (const el of frame.querySelectorAll('.bar[data-critical]')) out[el.getAttribute('data-task-id')!] = el.getAttribute('data-critical')!;
				if (top >= frame.scrollHeight) break;
			}
			frame.scrollTop = 0;
			return out;
		});
		expect(Object.keys(seen).length).toBe(route.tasks.length);
		const shown = Object.entries(seen).filter(([, c]) => c === 'true').map(([id]) => id).sort();
		expect(shown).toEqual(expected);
		await page.locator('.frame').evaluate((f) => (f.scrollTop = 0));
		const one = route.tasks.find((t) => t.slack !== null && t.slack > 0)!;
		await bar(page, one.id).locator('.body').hover();
		await expect(page.getByRole('tooltip')).toContainText(zh.gantt_slack_days.replace('{days}', String(one.slack)));
		// Read-only: the reason is shown and keys change nothing.
		await expect(page.locator('[data-readonly]')).toBeVisible();
		await bar(page, one.id).focus();
		await page.keyboard.press('ArrowRight');
		await expect(page.getByRole('alert')).toContainText(zh.admin_role_viewer);
		// The table view lists the same critical tasks.
		await page.getByRole('button', { name: zh.gantt_mode_table }).click();
		const rows = await page.locator('tr[data-critical="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-row-id')!).sort());
		expect(rows).toEqual(expected);
	} finally {
		await ctx.close();
	}
});

for (const [locale, msgs] of [['zh-CN', zh], ['en', en]] as const) {
	test(`PNG export and PDF print of the whole plan, and screenshots (${locale}, desktop and phone)`, async ({ browser }) => {
		const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
		const page = await ctx.newPage();
		try {
			await signIn(page, 'leader');
			const planId = planIdOf(page);
			if (locale === 'en') {
				await ctx.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
			}
			await page.goto(`/plans/${planId}/gantt`);
			await synced(page, msgs);
			await page.getByLabel(msgs.gantt_show_critical).check();
			await page.getByLabel(msgs.gantt_show_schools).check();
			await page.locator('.frame').evaluate((f) => (f.scrollTop = f.scrollHeight));
			await expect(page.locator('[data-milestone-id]').first()).toBeAttached();
			await page.locator('.frame').evaluate((f) => (f.scrollTop = f.scrollHeight - 700));
			await shot(page, `gantt-${locale}-desktop`, false);
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
			mkdirSync(OUTPUT, { recursive: true });
			await download.saveAs(join(OUTPUT, `gantt-${locale}-export.png`));
			await page.evaluate(() => (window.print = () => {}));
			await page.getByRole('button', { name: msgs.gantt_print }).click();
			await expect(page.locator('.gantt-print .print-page').first()).toBeAttached();
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			writeFileSync(join(OUTPUT, `gantt-${locale}-print.pdf`), pdf);
			expect(pdf.byteLength).toBeGreaterThan(10_000);

			await page.setViewportSize({ width: 390, height: 844 });
			await page.reload();
			await synced(page, msgs);
			await expect(page.locator('.bar[data-task-id]').first()).toBeVisible();
			await shot(page, `gantt-${locale}-phone`, false);
			await page.locator('.bar[data-task-id] .body').first().click();
			await expect(page.getByRole('dialog')).toBeVisible();
			await shot(page, `gantt-${locale}-phone-sheet`, false);
		} finally {
			await ctx.close();
		}
	});
}

test('a dependency is removed by keyboard alone from the bar’s dialog (no arrow needed)', async ({ page }) => {
	const planId = await openGantt(page, 'leader');
	const tasks = (await (await page.request.get(`/api/plans/${planId}/tasks`)).json()) as { id: string; title: string; deps: string[] }[];
	const succ = tasks.find((t) => t.deps.length > 0)!;
	const pred = tasks.find((t) => t.id === succ.deps[0])!;
	await bar(page, succ.id).focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog');
	const unlink = dialog.getByRole('button', { name: zh.gantt_unlink_named.replace('{title}', pred.title) });
	await unlink.focus();
	await page.keyboard.press('Enter');
	await expect(unlink).toHaveCount(0);
	await expect
		.poll(async () => ((await (await page.request.get(`/api/plans/${planId}/tasks`)).json()) as typeof tasks).find((t) => t.id === succ.id)!.deps)
		.not.toContain(pred.id);
	await page.keyboard.press('Escape');
	await page.keyboard.press('Control+z');
	await expect
		.poll(async () => ((await (await page.request.get(`/api/plans/${planId}/tasks`)).json()) as typeof tasks).find((t) => t.id === succ.id)!.deps)
		.toContain(pred.id);
});

test('[G15] the plan calendar shades its holidays; a wide day shades the weekends too', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	await openGantt(page, 'viewer');
	const holidays = page.locator('rect[data-day-off="holiday"]');
	await expect(holidays.first()).toBeAttached();
	const names = await holidays.locator('title').allTextContents();
	expect(names).toContain('国庆节');
	expect(names).toContain('春节');
	await expect(page.locator('rect[data-day-off="weekend"]')).toHaveCount(0);
	await page.getByRole('button', { name: zh.gantt_zoom_week, exact: true }).click();
	await expect(page.locator('rect[data-day-off="weekend"]').first()).toBeAttached();
	await shot(page, 'gantt-days-off-week');
});
