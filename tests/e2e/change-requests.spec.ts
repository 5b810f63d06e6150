/**
 * Approval and change requests in Chromium ([AP1]–[AP4]): a leader approves the demo plan on the
 * approval page; a bar dragged past its approved due writes nothing and asks for a change
 * request instead (the bar stays, marked pending); an admin in another browser approves it and
 * the bar moves for both; a second request is refused and the date stays; a writer's crafted
 * update (a y-websocket client, no page) that moves an approved due later is never shown by a
 * reader's Gantt ([CR3]). Screenshots of the
 * dialog and the approval page in both languages on a desktop and a phone.
 *
 * The approval stays in this run's database: specs that drag the demo plan's bars later run on
 * an approved plan after this one.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { en, shot, signIn, zh } from './helpers';
import { approvedTable, dialog, ensureApproved, gridCell, limitOf, pasteDues, pendingDues, PLAN, shiftDays, synced, taskDue, type ApiTask } from './approved-plan';

const ppd = async (page: Page) => Number(await page.locator('[data-px-per-day]').getAttribute('data-px-per-day'));
const bar = (page: Page, id: string) => page.locator(`.bar[data-task-id="${id}"]`);

async function openGantt(page: Page, msgs = zh) {
	await page.goto(`/plans/${PLAN}/gantt`);
	await synced(page, msgs);
	await page.getByRole('button', { name: msgs.gantt_zoom_plan, exact: true }).click();
	await expect(page.locator('.bar[data-task-id]').first()).toBeVisible();
}

/** A task no other depends on and with no dependencies, in the rollout phase (room to move). */
async function freeTask(page: Page): Promise<ApiTask> {
	const tasks = (await (await page.request.get(`/api/plans/${PLAN}/tasks`)).json()) as ApiTask[];
	const used = new Set(tasks.flatMap((t) => t.deps));
	return tasks.find((t) => t.deps.length === 0 && !used.has(t.id) && t.phase === 'rollout')!;
}

async function dragLater(page: Page, id: string, days: number) {
	const box = (await bar(page, id).locator('.body').boundingBox())!;
	const [x, y, dx] = [box.x + box.width / 2, box.y + box.height / 2, (await ppd(page)) * days];
	await page.mouse.move(x, y);
	await page.mouse.down();
	for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y);
	await page.mouse.up();
}

async function signedIn(browser: Browser, user: string) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
	const page = await ctx.newPage();
	await signIn(page, user);
	return { ctx, page };
}

/** Asks for a later due by a drag; returns the due asked for. */
async function requestLater(page: Page, id: string, days: number, reason: string): Promise<string> {
	await dragLater(page, id, days);
	await expect(dialog(page)).toBeVisible();
	const asked = /→\s*(\d{4}-\d{2}-\d{2})/.exec((await dialog(page).locator('[data-change]').textContent()) ?? '')![1];
	await dialog(page).getByLabel(zh.change_request_reason).fill(reason);
	await dialog(page).getByRole('button', { name: zh.change_request_send }).click();
	await expect(dialog(page)).toBeHidden();
	return asked;
}

async function decide(page: Page, approve: boolean, note: string) {
	await page.goto(`/plans/${PLAN}/changes`);
	const card = page.locator('[data-change-request-id][data-status="pending"]').first();
	await card.getByLabel(zh.change_request_note).fill(note);
	await card.getByRole('button', { name: approve ? zh.change_request_approve : zh.change_request_refuse, exact: true }).click();
	await expect(page.locator(`[data-status="${approve ? 'approved' : 'refused'}"]`).first()).toBeVisible();
}

test('[AP1] [AP2] [AP4] after approval a later due is a request: the bar stays until another admin approves it, and a refused one changes nothing', async ({ browser }) => {
	const leader = await signedIn(browser, 'leader');
	const admin = await signedIn(browser, 'admin');
	try {
		const l = leader.page;
		await l.goto(`/plans/${PLAN}/changes`);
		await l.getByRole('button', { name: zh.approval_approve }).click();
		await expect(l.locator('[data-approval-version]')).toBeVisible();
		await expect(l.locator('[data-baseline-id^="approved-v"]').first()).toBeVisible();

		await openGantt(l);
		const t = await freeTask(l);
		// [AP1] a drag past the approved due opens the dialog; a blank reason sends nothing
		await dragLater(l, t.id, 6);
		await expect(dialog(l)).toBeVisible();
		await expect(dialog(l).locator('[data-change]')).toContainText(t.due);
		await dialog(l).getByRole('button', { name: zh.change_request_send }).click();
		await expect(dialog(l).getByRole('alert')).toHaveText(zh.change_request_reason_missing);
		await dialog(l).getByRole('button', { name: zh.change_request_cancel }).click();
		await expect(bar(l, t.id)).toHaveAttribute('data-due', t.due);

		const asked = await requestLater(l, t.id, 6, '区级教研活动调整，需顺延一周');
		await expect(bar(l, t.id)).toHaveAttribute('data-due', t.due);
		await expect(bar(l, t.id)).toHaveAttribute('data-change-pending', asked);
		expect(await taskDue(l, t.id)).toBe(t.due);

		// [AP4] the requester cannot decide their own request
		await l.goto(`/plans/${PLAN}/changes`);
		const own = l.locator('[data-change-request-id][data-status="pending"]').first();
		await expect(own).toContainText(zh.change_request_own);
		await expect(own.getByRole('button', { name: zh.change_request_approve, exact: true })).toHaveCount(0);

		const a = admin.page;
		await openGantt(a);
		await openGantt(l);
		await decide(a, true, '同意');
		await expect(bar(l, t.id)).toHaveAttribute('data-due', asked, { timeout: 15_000 });
		await openGantt(a);
		await expect(bar(a, t.id)).toHaveAttribute('data-due', asked);
		await expect(bar(l, t.id)).not.toHaveAttribute('data-change-pending', /./, { timeout: 15_000 });

		// A second request, refused: the date stays where the first one put it.
		await requestLater(l, t.id, 4, '再顺延');
		await decide(a, false, '不同意');
		await l.waitForTimeout(1500);
		await expect(bar(l, t.id)).toHaveAttribute('data-due', asked);
		expect(await taskDue(l, t.id)).toBe(asked);
		await expect(bar(l, t.id)).not.toHaveAttribute('data-change-pending', /./, { timeout: 15_000 });
	} finally {
		await leader.ctx.close();
		await admin.ctx.close();
	}
});

test("[CR3] a writer's crafted update that moves an approved due later never takes effect for another client", async ({ browser }, info) => {
	const leader = await signedIn(browser, 'leader');
	const viewer = await signedIn(browser, 'viewer');
	const doc = new Y.Doc();
	let provider: WebsocketProvider | null = null;
	try {
		const v = viewer.page;
		await openGantt(v);
		const t = await freeTask(v);
		const due = await taskDue(v, t.id);
		await expect(bar(v, t.id)).toHaveAttribute('data-due', due);
		// Every due the reader's bar ever shows, whatever re-renders it.
		await v.evaluate((id) => {
			const w = window as unknown as { seenDues: (string | null)[] };
			w.seenDues = [];
			const read = () => w.seenDues.push(document.querySelector(`.bar[data-task-id="${id}"]`)?.getAttribute('data-due') ?? null);
			new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-due'] });
		}, t.id);

		// The writer is no page: a y-websocket client with the leader's session, writing the due straight into the document.
		const cookie = (await leader.ctx.cookies()).find((c) => c.name === 'session')!;
		const wsBase = String(info.project.use.baseURL).replace(/^http/, 'ws');
		const Cookied = class extends WebSocket {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols, { headers: { Cookie: `session=${cookie.value}`, Origin: String(info.project.use.baseURL) } });
			}
		};
		provider = new WebsocketProvider(`${wsBase}/sync`, `plan:${PLAN}`, doc, { WebSocketPolyfill: Cookied as unknown as typeof globalThis.WebSocket, disableBc: true });
		await expect.poll(() => provider!.synced, { timeout: 15_000 }).toBe(true);
		const task = doc.getMap('tasks').get(t.id) as Y.Map<unknown>;
		expect(task.get('due')).toBe(due);
		task.set('due', '2099-12-31');
		// The server corrects the writer's copy too.
		await expect.poll(() => task.get('due'), { timeout: 15_000 }).toBe(due);
		await v.waitForTimeout(1500);
		const seen = await v.evaluate(() => (window as unknown as { seenDues: (string | null)[] }).seenDues);
		expect(seen.filter((d) => d !== null && d !== due)).toEqual([]);
		await expect(bar(v, t.id)).toHaveAttribute('data-due', due);
		expect(await taskDue(v, t.id)).toBe(due);
	} finally {
		provider?.destroy();
		doc.destroy();
		await leader.ctx.close();
		await viewer.ctx.close();
	}
});

test('[AP2] [AP4] screenshots: the request dialog and the approval page, zh-CN and en, 1280 and 375 px', async ({ browser }) => {
	const { ctx, page } = await signedIn(browser, 'leader');
	try {
		for (const [locale, msgs] of [['zh-CN', zh], ['en', en]] as const) {
			if (locale === 'en') {
				await page.getByRole('button', { name: en.locale_en }).click();
				await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			}
			await page.setViewportSize({ width: 1280, height: 900 });
			await openGantt(page, msgs);
			const t = await freeTask(page);
			// [G13] the keyboard's Shift+→ lengthens by a day: past the limit, the dialog again
			await bar(page, t.id).focus();
			await page.keyboard.press('Shift+ArrowRight');
			await expect(dialog(page)).toBeVisible();
			await dialog(page).getByLabel(msgs.change_request_reason).fill(locale === 'en' ? 'The district research week moved.' : '区级教研周调整');
			await shot(page, `change-request-${locale}-desktop`, false);
			await page.setViewportSize({ width: 375, height: 740 });
			await shot(page, `change-request-${locale}-phone`, false);
			// The first is sent, so the approval page shows a pending request too.
			if (locale === 'zh-CN') await dialog(page).getByRole('button', { name: msgs.change_request_send }).click();
			else await page.keyboard.press('Escape');
			await expect(dialog(page)).toBeHidden();
			await page.goto(`/plans/${PLAN}/changes`);
			await expect(page.locator('[data-change-request-id]').first()).toBeVisible();
			await shot(page, `changes-${locale}-phone`);
			await page.setViewportSize({ width: 1280, height: 900 });
			await shot(page, `changes-${locale}-desktop`);
		}
	} finally {
		await ctx.close();
	}
});

test('[AP5] [AP6] a pasted block of dues writes the earlier one at once and files one request per later one with one reason; their dates stay', async ({ browser }) => {
	const { ctx, page } = await signedIn(browser, 'leader');
	try {
		const [a, b, c] = await approvedTable(page);
		const [earlier, laterB, laterC] = [shiftDays(a.due, -1), shiftDays(b.due, 9), shiftDays(c.due, 12)];
		await pasteDues(page, a.id, [earlier, laterB, laterC]);

		// The earlier due is written at once; the later two wait in one dialog, listed with the dues asked.
		await expect.poll(() => taskDue(page, a.id)).toBe(earlier);
		await expect(gridCell(page, a.id, 'due')).toContainText(earlier);
		await expect(dialog(page)).toBeVisible();
		const rows = dialog(page).locator('[data-change]');
		await expect(rows).toHaveCount(2);
		await expect(rows.nth(0)).toContainText(laterB);
		await expect(rows.nth(1)).toContainText(laterC);
		await expect(page.getByRole('status').filter({ hasText: zh.grid_changes_held.replace('{count}', '2') })).toBeVisible();
		await shot(page, 'change-request-paste-zh-CN-desktop', false);
		await page.setViewportSize({ width: 375, height: 740 });
		await shot(page, 'change-request-paste-zh-CN-phone', false);
		await page.setViewportSize({ width: 1280, height: 900 });

		await dialog(page).getByLabel(zh.change_request_reason_all).fill('区级统测时间调整');
		await dialog(page).getByRole('button', { name: zh.change_request_send_n.replace('{count}', '2') }).click();
		await expect(dialog(page)).toBeHidden();
		const requests = (await (await page.request.get(`/api/plans/${PLAN}/change-requests`)).json()) as { taskId: string; due: string; status: string; reason: string }[];
		for (const [t, due] of [[b, laterB], [c, laterC]] as const) {
			expect(requests.filter((r) => r.taskId === t.id && r.status === 'pending')).toEqual([expect.objectContaining({ due, reason: '区级统测时间调整' })]);
			expect(await taskDue(page, t.id)).toBe(t.due);
		}

		// The same paste again in English: both already wait for a decision, so a send reports them and files nothing new.
		await page.getByRole('button', { name: en.locale_en }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.goto(`/plans/${PLAN}/tasks`);
		await synced(page, en);
		// [AP6] the approval baseline is named in English, not by the Chinese name stored with it
		const approvalOption = page.getByLabel(en.grid_baseline).locator('option[value^="approved-v"]').first();
		await expect(approvalOption).toHaveText(/^Approval baseline v\d+$/);
		await pasteDues(page, a.id, [earlier, laterB, laterC]);
		await expect(dialog(page)).toBeVisible();
		await dialog(page).getByLabel(en.change_request_reason_all).fill('The district test week moved.');
		await shot(page, 'change-request-paste-en-desktop', false);
		await page.setViewportSize({ width: 375, height: 740 });
		await shot(page, 'change-request-paste-en-phone', false);
		await dialog(page).getByRole('button', { name: en.change_request_send_n.replace('{count}', '2') }).click();
		await expect(dialog(page)).toBeHidden();
		await expect(page.getByText(en.change_request_already_pending.split('{')[0].trim()).first()).toContainText(b.title);
		const again = (await (await page.request.get(`/api/plans/${PLAN}/change-requests`)).json()) as { taskId: string; status: string }[];
		expect(again.filter((r) => [b.id, c.id].includes(r.taskId) && r.status === 'pending')).toHaveLength(2);
	} finally {
		await ctx.close();
	}
});
test('[AP7] clearing an approved due is never written: the dialog says why and asks for a later day, from a key, the editor or a block', async ({ browser }) => {
	const { ctx, page } = await signedIn(browser, 'leader');
	try {
		const [a, b, c] = await approvedTable(page);
		const [limitA, limitB, limitC] = [await limitOf(page, a.id), await limitOf(page, b.id), await limitOf(page, c.id)];

		// Delete on one approved due: the dialog explains, suggesting the day after the limit.
		await gridCell(page, a.id, 'due').focus();
		await page.keyboard.press('Delete');
		await expect(dialog(page)).toBeVisible();
		await expect(dialog(page)).toContainText(zh.change_request_clear_intro.split('{')[0]);
		await expect(dialog(page)).toContainText(a.title);
		const day = dialog(page).getByLabel(zh.change_request_pick_due);
		await expect(day).toHaveValue(shiftDays(limitA, 1));
		// A day not later than the limit is no request: told, nothing sent.
		await day.fill(limitA);
		await dialog(page).getByLabel(zh.change_request_reason).fill('学期安排调整');
		await dialog(page).getByRole('button', { name: zh.change_request_send }).click();
		await expect(dialog(page).getByRole('alert')).toHaveText(zh.change_request_pick_later.replace('{limit}', limitA));
		expect(await pendingDues(page, a.id)).toEqual([]);
		await day.fill(shiftDays(limitA, 5));
		await expect(dialog(page).locator('[data-change]')).toContainText(shiftDays(limitA, 5));
		await shot(page, 'change-request-clear-zh-CN-desktop', false);
		await dialog(page).getByRole('button', { name: zh.change_request_send }).click();
		await expect(dialog(page)).toBeHidden();
		expect(await pendingDues(page, a.id)).toEqual([shiftDays(limitA, 5)]);
		expect(await taskDue(page, a.id)).toBe(a.due);
		await expect(gridCell(page, a.id, 'due')).toContainText(a.due);

		// Emptied in the cell editor: the same dialog; cancelled, nothing is written or asked.
		await gridCell(page, b.id, 'due').focus();
		await page.keyboard.press('Enter');
		const editor = page.locator('[role="grid"] input.editor');
		await expect(editor).toBeVisible();
		await editor.fill('');
		await page.keyboard.press('Enter');
		await expect(dialog(page)).toBeVisible();
		await expect(dialog(page).getByLabel(zh.change_request_pick_due)).toHaveValue(shiftDays(limitB, 1));
		await dialog(page).getByRole('button', { name: zh.change_request_cancel }).click();
		await expect(dialog(page)).toBeHidden();
		await expect(gridCell(page, b.id, 'due')).toContainText(b.due);
		expect(await pendingDues(page, b.id)).toEqual([]);

		// Delete over a block of two approved dues: one dialog lists both, each with its day; one reason files both.
		await gridCell(page, b.id, 'due').focus();
		await page.keyboard.press('Shift+ArrowDown');
		await page.keyboard.press('Delete');
		await expect(dialog(page)).toBeVisible();
		await expect(dialog(page).locator('[data-change]')).toHaveCount(2);
		await expect(page.getByRole('status').filter({ hasText: zh.grid_due_clear_held.replace('{count}', '2') })).toBeVisible();
		await dialog(page).getByLabel(zh.change_request_pick_due_for.replace('{title}', c.title)).fill(shiftDays(limitC, 3));
		await dialog(page).getByLabel(zh.change_request_reason_all).fill('区级统测时间调整');
		await dialog(page).getByRole('button', { name: zh.change_request_send_n.replace('{count}', '2') }).click();
		await expect(dialog(page)).toBeHidden();
		expect(await pendingDues(page, b.id)).toEqual([shiftDays(limitB, 1)]);
		expect(await pendingDues(page, c.id)).toEqual([shiftDays(limitC, 3)]);
		for (const t of [b, c]) expect(await taskDue(page, t.id)).toBe(t.due);
	} finally {
		await ctx.close();
	}
});

test('[AP6] an English reader sees the approval baseline in English in the Gantt picker and the approval history, never the stored Chinese name', async ({ browser }) => {
	const { ctx, page } = await signedIn(browser, 'leader');
	try {
		await ensureApproved(page);
		await openGantt(page);
		await page.getByRole('button', { name: en.locale_en }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await openGantt(page, en);
		const option = page.locator('select option[value^="approved-v"]').first();
		await expect(option).toHaveText(/^Approval baseline v\d+$/);
		expect(await page.locator('select option').allTextContents()).not.toContainEqual(expect.stringContaining('审批基线'));

		await page.goto(`/plans/${PLAN}/changes`);
		const history = page.locator('[data-baseline-id^="approved-v"]').first();
		await expect(history).toContainText(/Approval baseline v\d+/);
		await expect(page.locator('main')).not.toContainText('审批基线');
	} finally {
		await ctx.close();
	}
});
