/**
 * Pilot schools in Chromium: the coordinator's phone page (390 px), evidence uploads, the leading
 * group's live matrix, permissions, offline edits, templates and the attention list.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { shot, signIn, zh } from './helpers';

const PHONE = { width: 390, height: 844 };
const PLAN = 'demo';
const OWN = 's01';
const status = (page: Page) => page.getByRole('status', { name: zh.sync_status }).first();
const synced = (page: Page) => expect(status(page)).toContainText(zh.sync_synced, { timeout: 15_000 });

async function open(browser: Browser, user: string, path: string, phone = false, live = true) {
	const ctx = await browser.newContext(phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {});
	const page = await ctx.newPage();
	await signIn(page, user);
	await page.goto(path);
	if (live) await synced(page);
	return { ctx, page };
}

/** A milestone still open (one is reopened when a retry finds them all done). */
async function openCard(page: Page) {
	const open = page.locator('article.milestone:not(.done)');
	await expect(page.locator('article.milestone').first()).toBeVisible();
	if ((await open.count()) === 0) {
		await page.getByRole('button', { name: zh.schools_reopen }).first().click();
	}
	await expect(open.first()).toBeVisible();
	return open.first();
}

const anyCard = (page: Page) => page.locator('article.milestone').first();

async function photo(): Promise<Buffer> {
	return sharp({ create: { width: 640, height: 480, channels: 3, background: '#2f6fb0' } }).jpeg().toBuffer();
}

test('a coordinator on a phone marks a milestone done with a photo, and the leaders’ matrix turns that cell live', async ({ browser }) => {
	const leader = await open(browser, 'leader', `/plans/${PLAN}/schools`);
	const coord = await open(browser, 'coordinator', `/plans/${PLAN}/schools/${OWN}`, true);
	try {
		const card = await openCard(coord.page);
		const id = (await card.getAttribute('data-milestone-id'))!;
		const cells = leader.page.locator(`tr[data-school-id="${OWN}"] td[data-milestone-key]`);
		await expect(cells.first()).toBeVisible();
		const before = await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-state')));
		expect(before.filter((s) => s === 'done').length).toBeLessThan(before.length);

		await card.getByLabel(zh.evidence_take_photo).setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: await photo() });
		await expect(card.locator('img')).toHaveCount(1, { timeout: 10_000 });
		await card.getByRole('button', { name: zh.schools_mark_done }).click();
		await expect(coord.page.locator(`article[data-milestone-id="${id}"]`)).toHaveClass(/\bdone\b/);
		await shot(coord.page, 'school-coordinator-phone-zh');

		// The leader's open matrix, without a reload.
		await expect
			.poll(async () => (await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-state')))).filter((s) => s === 'done').length, {
				timeout: 5_000
			})
			.toBe(before.filter((s) => s === 'done').length + 1);
		await shot(leader.page, 'schools-matrix-desktop-zh');
	} finally {
		await leader.ctx.close();
		await coord.ctx.close();
	}
});

test('a coordinator cannot change another school: controls are off and the server drops a crafted update', async ({ browser }) => {
	const coord = await open(browser, 'coordinator', `/plans/${PLAN}/schools`, true);
	try {
		// Another pilot school, so its page has milestones to (not) edit.
		const matrix = coord.page.getByRole('table', { name: zh.schools_matrix });
		const other = await matrix.locator('tr[data-school-id]').evaluateAll(
			(rows, own) => rows.map((r) => r.getAttribute('data-school-id')!).find((id) => id !== own)!,
			OWN
		);
		await coord.page.goto(`/plans/${PLAN}/schools/${other}`);
		await synced(coord.page);
		await expect(coord.page.getByText(zh.schools_read_only_why)).toBeVisible();
		await expect(coord.page.getByRole('button', { name: zh.schools_mark_done })).toHaveCount(0);
		await expect(coord.page.locator('article.milestone')).not.toHaveCount(0);
		await expect(coord.page.getByRole('combobox', { name: zh.tasks_col_status, exact: true }).first()).toBeDisabled();
		await expect(coord.page.getByLabel(zh.evidence_attach_file)).toHaveCount(0);

		// A modified client sends an update to that school's room anyway.
		const cookie = (await coord.ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const base = new URL(coord.page.url());
		const ws = new WebSocket(`ws://${base.host}/sync/school:${PLAN}:${other}`, { headers: { cookie, origin: base.origin } });
		await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
		const doc = new Y.Doc();
		const forged = new Y.Map<unknown>();
		forged.set('title', '伪造的里程碑');
		doc.getMap('milestones').set('forged', forged);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
		ws.send(encoding.toUint8Array(e));
		await new Promise((r) => setTimeout(r, 2500));
		ws.close();
		const res = await coord.page.request.get(`/api/plans/${PLAN}/milestones`);
		const list = (await res.json()) as { id: string; schoolId: string }[];
		expect(list.some((m) => m.id === 'forged')).toBe(false);
	} finally {
		await coord.ctx.close();
	}
});

test('an oversize file and disguised files are refused with a clear message and nothing is stored', async ({ browser }) => {
	const coord = await open(browser, 'coordinator', `/plans/${PLAN}/schools/${OWN}`, true);
	try {
		const card = anyCard(coord.page);
		const id = (await card.getAttribute('data-milestone-id'))!;
		const list = async () =>
			(await (await coord.page.request.get(`/api/plans/${PLAN}/files?schoolId=${OWN}&milestoneId=${id}`)).json()).length;
		const before = await list();
		const picker = card.getByLabel(zh.evidence_attach_file);
		await picker.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<!doctype html><html><body>not a photo</body></html>') });
		await expect(card.getByRole('alert')).toHaveText(zh.evidence_type_not_allowed);
		const exe = Buffer.alloc(2048);
		exe.write('MZ');
		await picker.setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: exe });
		await expect(card.getByRole('alert')).toHaveText(zh.evidence_type_not_allowed);
		const big = Buffer.alloc(3 * 1024 * 1024);
		big.write('%PDF-1.7\n');
		await picker.setInputFiles({ name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: big });
		await expect(card.getByRole('alert')).toHaveText(zh.evidence_too_large);
		expect(await list()).toBe(before);
	} finally {
		await coord.ctx.close();
	}
});

test('a milestone updated offline syncs after reconnect', async ({ browser }) => {
	const coord = await open(browser, 'coordinator', `/plans/${PLAN}/schools/${OWN}`, true);
	try {
		const card = anyCard(coord.page);
		const id = (await card.getAttribute('data-milestone-id'))!;
		await coord.ctx.setOffline(true);
		await expect(status(coord.page)).toContainText(zh.sync_offline);
		const note = `离线填写 ${Date.now() % 100000}`;
		await card.getByLabel(zh.schools_note).fill(note);
		await card.getByLabel(zh.schools_note).blur();
		await expect(status(coord.page)).toContainText(zh.sync_pending.replace('{count}', '1'));
		await coord.ctx.setOffline(false);
		await synced(coord.page);
		await expect
			.poll(async () => {
				const list = (await (await coord.page.request.get(`/api/plans/${PLAN}/milestones`)).json()) as { id: string; schoolId: string; note: string }[];
				return list.find((m) => m.schoolId === OWN && m.id === id)?.note;
			}, { timeout: 10_000 })
			.toBe(note);
	} finally {
		await coord.ctx.close();
	}
});

test('templates applied twice create no duplicates, and a coordinator’s attention list shows only their school', async ({ browser }) => {
	const leader = await open(browser, 'leader', `/plans/${PLAN}/schools`);
	try {
		const title = `提交阶段自评表 ${Date.now() % 100000}`;
		const past = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
		await leader.page.getByLabel(zh.schools_template_title).fill(title);
		await leader.page.getByLabel(zh.schools_template_due).fill(past);
		await leader.page.getByRole('button', { name: zh.schools_template_add }).click();
		await expect(leader.page.locator('[data-template-id]').filter({ hasText: title })).toBeVisible();
		const apply = leader.page.getByRole('button', { name: zh.schools_templates_apply });
		await apply.click();
		await expect(leader.page.getByRole('status').filter({ hasText: '10' })).toBeVisible({ timeout: 10_000 });
		await apply.click();
		await expect(leader.page.getByText(/新增 0 个里程碑/)).toBeVisible({ timeout: 10_000 });
		const count = async () =>
			((await (await leader.page.request.get(`/api/plans/${PLAN}/milestones`)).json()) as { title: string }[]).filter((m) => m.title === title).length;
		await expect.poll(count, { timeout: 5_000 }).toBe(10);
	} finally {
		await leader.ctx.close();
	}

	const coord = await open(browser, 'coordinator', '/attention', true, false);
	try {
		const items = coord.page.locator('li[data-kind="milestone"]');
		await expect(items.first()).toBeVisible({ timeout: 10_000 });
		const schools = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-school-id')));
		expect(new Set(schools)).toEqual(new Set([OWN]));
		await expect(coord.page.locator('li[data-state="overdue"]').filter({ hasText: '提交阶段自评表' })).toBeVisible();
		await shot(coord.page, 'attention-coordinator-phone-zh');
	} finally {
		await coord.ctx.close();
	}
});
