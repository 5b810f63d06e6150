/**
 * Operational basics ([Y26]): structured logs with ids and no content, and `/metrics` for the
 * loopback address or a bearer token only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/index';
import { writeTask } from '../../src/lib/shared/plan/doc';
import { planRoom } from '../../src/lib/shared/sync/protocol';
import { addMember, makePlan, makeSession, makeUser, openTestDb, taskFixture } from '../helpers/factories';
import { startServer, tempDatabaseUrl, type RunningServer } from '../helpers/start-server';
import { connectClient } from './sync-clients';

let tmp: ReturnType<typeof tempDatabaseUrl>;
let h: DbHandle;
let plain: RunningServer;
let tokened: RunningServer;

beforeAll(async () => {
	tmp = tempDatabaseUrl();
	h = await openTestDb(tmp.url);
	plain = await startServer({ databaseUrl: tmp.url });
	tokened = await startServer({ databaseUrl: tmp.url, env: { METRICS_TOKEN: 'metrics-secret-1' } });
}, 60_000);

afterAll(async () => {
	await plain?.stop();
	await tokened?.stop();
	h?.client.close();
	tmp?.cleanup();
});

const metrics = (s: RunningServer, headers: Record<string, string> = {}) => fetch(`${s.url}/metrics`, { headers });

describe('operations', () => {
	it('[Y26] /metrics answers the loopback address in Prometheus text, with the sync figures', async () => {
		const user = await makeUser(h);
		const { id } = await makePlan(h);
		await addMember(h, id, user.id, 'leader');
		const c = await connectClient(plain.wsUrl, planRoom(id), await makeSession(h, user.id));
		try {
			writeTask(c.doc, taskFixture('ops-1', { title: '不应出现在日志里的标题' }));
			let text = '';
			const deadline = Date.now() + 5000;
			while (!/^sync_stored_updates_total [1-9]/m.test(text) && Date.now() < deadline) {
				const res = await metrics(plain);
				expect(res.status).toBe(200);
				expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
				text = await res.text();
				await new Promise((r) => setTimeout(r, 50));
			}
			for (const name of [
				'sync_rooms 1',
				'sync_sockets 1',
				'sync_failing_rooms 0',
				'# TYPE sync_store_seconds histogram',
				'sync_store_seconds_bucket{le="+Inf"}',
				'# TYPE sync_broadcast_seconds histogram',
				'sync_failed_stores_total 0',
				'nodejs_eventloop_delay_seconds{quantile="0.99"}',
				'# TYPE nodejs_gc_pause_seconds histogram'
			]) {
				expect(text).toContain(name);
			}
			expect(text).toMatch(/^sync_stored_updates_total [1-9]/m);
			// The client's edit, from its arrival to its broadcast.
			expect(text).toContain('# TYPE sync_edit_wait_seconds histogram');
			expect(text).toMatch(/^sync_edit_wait_seconds_count [1-9]/m);
			// [Y33] Where the edit batches committed: the one stored here went inline or to the thread.
			const inline = Number(/^sync_write_batches_total\{path="inline"\} (\d+)/m.exec(text)?.[1]);
			const thread = Number(/^sync_write_batches_total\{path="thread"\} (\d+)/m.exec(text)?.[1]);
			expect(inline + thread).toBeGreaterThan(0);
			expect(text).toMatch(/^sync_inline_commit_pauses_total \d+/m);

			// One JSON line per event, with ids; never the document's content.
			const events = plain
				.output()
				.split('\n')
				.filter((l) => l.startsWith('{'))
				.map((l) => JSON.parse(l) as Record<string, unknown>);
			expect(events.find((e) => e.event === 'listening')).toBeTruthy();
			expect(events.find((e) => e.event === 'socket-open')).toMatchObject({ room: planRoom(id), user: user.id });
			expect(plain.output()).not.toContain('不应出现在日志里的标题');
			expect(plain.output()).toMatch(/^Listening on http:\/\//m);
		} finally {
			c.destroy();
		}
	});

	it('[Y26] /metrics refuses a forwarded request, and with METRICS_TOKEN wants the bearer token', async () => {
		expect((await metrics(plain, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
		expect((await metrics(tokened)).status).toBe(403);
		expect((await metrics(tokened, { authorization: 'Bearer wrong' })).status).toBe(403);
		const ok = await metrics(tokened, { authorization: 'Bearer metrics-secret-1' });
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('sync_sockets 0');
	});
});
