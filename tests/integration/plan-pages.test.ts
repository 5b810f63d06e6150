/**
 * Plan pages never hand their data to someone who is not a member, including through the data
 * requests a client makes when it navigates between a plan's pages (`__data.json` with the
 * layout marked unchanged, which skips the layout's own check). Every page folder under
 * src/routes/plans/[planId] is checked, so a page added later is covered too.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { addMember, makePlan, makeSession, makeUser, openTestDb } from '../helpers/factories';
import { tasks } from '../../src/lib/server/db/schema';
import type { DbHandle } from '../../src/lib/server/db/index';
import { get } from './auth-helpers';

const PLAN_ROUTES = join(ROOT, 'src/routes/plans/[planId]');

/** '' for the overview, then every sub-folder holding a page. */
function planPages(): string[] {
	const pages = existsSync(join(PLAN_ROUTES, '+page.svelte')) ? [''] : [];
	for (const entry of readdirSync(PLAN_ROUTES, { withFileTypes: true })) {
		if (entry.isDirectory() && existsSync(join(PLAN_ROUTES, entry.name, '+page.svelte'))) {
			pages.push(`/${entry.name}`);
		}
	}
	return pages;
}

let server: RunningServer;
let h: DbHandle;
let cleanup: () => void;
let planId: string;
let member: string;
let outsider: string;
const SECRET = '机密任务标题-only-members-see-this';

beforeAll(async () => {
	const tmp = tempDatabaseUrl();
	cleanup = tmp.cleanup;
	h = await openTestDb(tmp.url);
	planId = (await makePlan(h)).id;
	await h.db.insert(tasks).values({
		planId,
		id: 't1',
		title: SECRET,
		workstream: '课程建设',
		phase: 'launch',
		unit: '教研中心',
		lead: '王老师',
		start: '2026-01-05',
		due: '2026-01-20',
		status: 'doing',
		progress: 50,
		deps: [],
		order: 'a0'
	});
	const viewer = await makeUser(h);
	await addMember(h, planId, viewer.id, 'viewer');
	member = await makeSession(h, viewer.id);
	outsider = await makeSession(h, (await makeUser(h)).id);
	server = await startServer({ databaseUrl: tmp.url });
});

afterAll(async () => {
	await server?.stop();
	h?.client.close();
	cleanup?.();
});

describe('plan pages', () => {
	it('[H18] the page list covers the overview and the task table', () => {
		expect(planPages()).toEqual(expect.arrayContaining(['', '/tasks']));
	});

	for (const skipLayout of [false, true]) {
		const query = skipLayout ? '?x-sveltekit-invalidated=001' : '';
		it(`[H18] no page's data reaches a signed-out user or a non-member${skipLayout ? ' (layout marked unchanged)' : ''}`, async () => {
			for (const page of planPages()) {
				const path = `/plans/${planId}${page}/__data.json${query}`;
				for (const cookie of [undefined, outsider]) {
					const res = await get(server, path, cookie);
					const body = await res.text();
					expect(body, `${path} as ${cookie ? 'non-member' : 'signed out'}`).not.toContain(SECRET);
					expect(body, path).not.toMatch(/"type":"data"[\s\S]*"tasks"/);
				}
			}
		});
	}

	it('[H18] a member gets the task table data', async () => {
		const res = await get(server, `/plans/${planId}/tasks/__data.json?x-sveltekit-invalidated=001`, member);
		expect(res.status).toBe(200);
		expect(await res.text()).toContain(SECRET);
	});
});
