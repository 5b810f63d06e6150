import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvidenceUpload } from './evidence-upload';

afterEach(() => vi.unstubAllGlobals());

describe('EvidenceUpload', () => {
	it('[I7] resends a lost upload under the same key and sends a stored file only once per fill', async () => {
		const keys: string[] = [];
		let lose = true;
		vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
			keys.push(new Headers(init.headers).get('idempotency-key')!);
			if (lose) {
				lose = false;
				throw new TypeError('network');
			}
			return new Response(JSON.stringify({ id: 'f1', name: 'a.pdf', size: 3, type: 'application/pdf' }), { status: 201 });
		});
		const up = new EvidenceUpload('demo', 'g2-1');
		const file = new File(['abc'], 'a.pdf');
		expect((await up.send(file)).ok).toBe(false);
		expect(await up.send(file)).toEqual({ ok: true, value: 'f1' });
		expect(await up.send(file)).toEqual({ ok: true, value: 'f1' });
		expect(keys).toHaveLength(2);
		expect(keys[0]).toBe(keys[1]);
		up.reset();
		await up.send(file);
		expect(keys[2]).not.toBe(keys[0]);
	});
});
