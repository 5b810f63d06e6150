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
	const notices = { fail: vi.fn(), success: vi.fn() };
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
		expect(await state.request(draft, ' ')).toBe(false);
		expect(calls).toHaveLength(0);
		expect(await state.request(draft, 'late data', 'k1')).toBe(false);
		const post = calls.at(-1)!;
		expect(JSON.parse(String(post.init?.body))).toEqual({ taskId: 't1', due: '2026-04-07', reason: 'late data' });
		expect((post.init?.headers as Record<string, string>)['idempotency-key']).toBe('k1');
		expect(notices.fail).toHaveBeenCalledWith('change-request', expect.objectContaining({ status: 409 }), expect.anything());
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
