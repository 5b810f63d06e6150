/**
 * The approved demo plan as the change-request specs use it: its tasks and limits read through
 * the API, the task table opened on it, and a few free rows to paste, clear or drag.
 */
import { expect, type Page } from '@playwright/test';
import { zh } from './helpers';

export const PLAN = 'demo';
export type ApiTask = { id: string; title: string; start: string; due: string; deps: string[]; phase: string };

/** The page's live plan is in sync (the status names it). */
export const synced = (page: Page, msgs = zh) =>
	expect(page.getByRole('status', { name: msgs.sync_status })).toContainText(msgs.sync_synced, { timeout: 15_000 });
export const dialog = (page: Page) => page.locator('[data-change-request-dialog]');

/** A task's due as the API reads it now. */
export async function taskDue(page: Page, id: string): Promise<string> {
	const tasks = (await (await page.request.get(`/api/plans/${PLAN}/tasks`)).json()) as ApiTask[];
	return tasks.find((t) => t.id === id)!.due;
}

export const gridCell = (page: Page, id: string, field: string) => page.locator(`[role="row"][data-task-id="${id}"] [role="gridcell"][data-field="${field}"]`);
export const shiftDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Approves the demo plan unless it already is (when this test runs on its own). */
export async function ensureApproved(page: Page) {
	if ((await page.request.get(`/api/plans/${PLAN}/approval`)).ok()) return;
	await page.goto(`/plans/${PLAN}/changes`);
	await page.getByRole('button', { name: zh.approval_approve }).click();
	await expect(page.locator('[data-approval-version]')).toBeVisible();
}

/** Three tasks next to each other in the table, none with a pending request, the first with room to end a day earlier. */
export async function threeRows(page: Page): Promise<ApiTask[]> {
	const tasks = (await (await page.request.get(`/api/plans/${PLAN}/tasks`)).json()) as ApiTask[];
	const pending = new Set(
		((await (await page.request.get(`/api/plans/${PLAN}/change-requests`)).json()) as { taskId: string; status: string }[])
			.filter((r) => r.status === 'pending')
			.map((r) => r.taskId)
	);
	const ids = await page.locator('[role="grid"] [role="row"][data-task-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id')!));
	const byId = new Map(tasks.map((t) => [t.id, t]));
	for (let i = 0; i + 2 < ids.length; i++) {
		const [a, b, c] = ids.slice(i, i + 3).map((id) => byId.get(id)!);
		if (a.due > a.start && ![a, b, c].some((t) => pending.has(t.id))) return [a, b, c];
	}
	throw new Error('no three free rows');
}

/** The task table of the approved demo plan, and three free rows of it. */
export async function approvedTable(page: Page): Promise<ApiTask[]> {
	await ensureApproved(page);
	await page.goto(`/plans/${PLAN}/tasks`);
	await synced(page);
	return threeRows(page);
}

/** Pastes one due per row from the due cell of `first` down. */
export async function pasteDues(page: Page, first: string, dues: string[]) {
	const target = gridCell(page, first, 'due');
	await target.focus();
	await target.evaluate((el, text) => {
		const data = new DataTransfer();
		data.setData('text/plain', text);
		el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
	}, dues.join('\r\n') + '\r\n');
}


/** The due the server holds a task to now ([CR2]). */
export async function limitOf(page: Page, id: string): Promise<string> {
	const approval = (await (await page.request.get(`/api/plans/${PLAN}/approval`)).json()) as { limits: Record<string, { due: string }> };
	return approval.limits[id].due;
}

/** The dues asked for a task by its pending requests. */
export async function pendingDues(page: Page, id: string): Promise<string[]> {
	const requests = (await (await page.request.get(`/api/plans/${PLAN}/change-requests`)).json()) as { taskId: string; due: string; status: string }[];
	return requests.filter((r) => r.taskId === id && r.status === 'pending').map((r) => r.due);
}
