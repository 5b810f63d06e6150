import { describe, expect, it, vi } from 'vitest';
import { PlanApproval } from './approval.svelte';
import type { PollHost } from '$lib/indicators/visible-poll';

const host: PollHost = { visible: () => true, onVisibilityChange: () => () => {}, every: () => () => {} };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const approval = { version: 1, approvedAt: '2026-03-01T00:00:00Z', approvedBy: 'u1', approvedByName: 'L', limits: { t1: { due: '2026-03-31', removable: false } } };

function server(requests: unknown[] = []) {
	const calls: { url: string; init?: RequestInit }[] = [];
	const fetcher = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
		calls.push({ url: String(url), init });
		const u = String(url);
		if (u.endsWith('/approval')) return json(200, approval);
		if (u.endsWith('/change-requests') && !init) return json(200, requests);
		if (u.endsWith('/change-requests')) return json(409, { error: 'not_later' });
		return json(201, { id: 'r9', status: 'pending' });
	}) as unknown as typeof fetch;
	const notices = { fail: vi.fn(), success: vi.fn(), info: vi.fn() };
	return { calls, notices, state: new PlanApproval('demo', notices, fetcher, host) };
}

describe('PlanApproval', () => {
	it('[AP1] reads the limits of the latest approval and each task pending request', async () => {
		const { state } = server([{ id: 'r1', taskId: 't1', status: 'pending', requestedAt: 'x' }]);
		await state.load();
		expect(state.limitOf('t1')).toEqual({ due: '2026-03-31', removable: false });
		expect(state.limitOf('t2')).toBeUndefined();
		expect(state.pendingFor('t1')?.id).toBe('r1');
		expect([...state.pending.keys()]).toEqual(['t1']);
	});

	it('[AP2] a blank reason sends nothing; a refused request is shown through the notices', async () => {
		const { state, calls, notices } = server();
		const draft = { kind: 'due' as const, taskId: 't1', title: 'S', from: '2026-03-31', to: '2026-04-07', limit: '2026-03-31' };
		const keys = new Map([['due:t1', 'k1']]);
		expect((await state.requestEach([draft], ' ', keys)).size).toBe(0);
		expect(calls).toHaveLength(0);
		expect(await state.requestEach([draft], 'late data', keys)).toEqual(new Map([['due:t1', 'failed']]));
		const post = calls.find((c) => c.init?.method === 'POST')!;
		expect(JSON.parse(String(post.init?.body))).toEqual({ taskId: 't1', due: '2026-04-07', reason: 'late data' });
		expect((post.init?.headers as Record<string, string>)['idempotency-key']).toBe('k1');
		expect(notices.fail).toHaveBeenCalledWith('change-request', expect.objectContaining({ status: 409 }), expect.anything());
	});

	it('[AP5] several drafts file one request each with its own key; a task already pending is reported and the others still go', async () => {
		const posts: { body: { taskId: string }; key: string }[] = [];
		const fetcher = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
			if (!init) return String(url).endsWith('/approval') ? json(200, approval) : json(200, []);
			const body = JSON.parse(String(init.body));
			posts.push({ body, key: (init.headers as Record<string, string>)['idempotency-key'] });
			return body.taskId === 't2' ? json(409, { error: 'pending_exists' }) : json(201, { id: `r-${body.taskId}`, status: 'pending' });
		}) as unknown as typeof fetch;
		const notices = { fail: vi.fn(), success: vi.fn(), info: vi.fn() };
		const state = new PlanApproval('demo', notices, fetcher, host);
		const draft = (taskId: string, title: string) => ({ kind: 'due' as const, taskId, title, from: '2026-03-31', to: '2026-04-07', limit: '2026-03-31' });
		const keys = new Map([['due:t1', 'k1'], ['due:t2', 'k2'], ['due:t3', 'k3']]);
		const out = await state.requestEach([draft('t1', 'Survey'), draft('t2', 'Visit'), draft('t3', 'Report')], 'district week moved', keys);
		expect([...out]).toEqual([['due:t1', 'sent'], ['due:t2', 'pending_exists'], ['due:t3', 'sent']]);
		expect(posts.map((p) => [p.body.taskId, p.key])).toEqual([['t1', 'k1'], ['t2', 'k2'], ['t3', 'k3']]);
		expect(notices.fail).not.toHaveBeenCalled();
		expect(notices.info).toHaveBeenCalledWith('change-request-pending', expect.stringContaining('Visit'));
		expect(notices.success).toHaveBeenCalledWith('change-request-sent', expect.stringContaining('2'));
	});

	it('[AP4] a decision posts approve and the note, then reads the lists again', async () => {
		const { state, calls, notices } = server();
		expect(await state.decide('r1', true, ' ok ')).toBe(true);
		expect(calls[0].url).toBe('/api/plans/demo/change-requests/r1/decide');
		expect(JSON.parse(String(calls[0].init?.body))).toEqual({ approve: true, note: 'ok' });
		expect(notices.success).toHaveBeenCalled();
		expect(calls.some((c) => c.url.endsWith('/approval'))).toBe(true);
	});
});
