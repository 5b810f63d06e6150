import { describe, expect, it } from 'vitest';
import { SyncReplyQueue } from './sync-replies';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SyncReplyQueue', () => {
	it('[Y21] coalesces: one answer in flight, a later request replaces a waiting one', async () => {
		const answered: number[] = [];
		let release!: () => void;
		const q = new SyncReplyQueue(async (sv) => {
			answered.push(sv[0]);
			if (answered.length === 1) await new Promise<void>((r) => (release = r));
		}, () => {}, 1000, 100);
		for (let i = 1; i <= 50; i++) q.request(new Uint8Array([i]));
		expect(answered).toEqual([1]);
		release();
		await sleep(10);
		expect(answered).toEqual([1, 50]);
	});

	it('[Y21] rate-limits answers beyond the burst, answering the newest request later', async () => {
		let t = 0;
		const answered: number[] = [];
		const q = new SyncReplyQueue(async (sv) => void answered.push(sv[0]), () => {}, 20, 2, () => t);
		for (let i = 1; i <= 10; i++) {
			q.request(new Uint8Array([i]));
			await sleep(0);
		}
		expect(answered).toEqual([1, 2]);
		t = 1000;
		await sleep(80);
		expect(answered).toEqual([1, 2, 10]);
		q.dispose();
	});
});
