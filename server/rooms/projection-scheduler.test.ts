import { describe, expect, it, vi } from 'vitest';
import { ProjectionScheduler } from './projection-scheduler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ProjectionScheduler', () => {
	it('[Y10] debounces a burst into one projection', async () => {
		let runs = 0;
		const s = new ProjectionScheduler(async () => void runs++, {
			debounceMs: 20,
			maxWaitMs: 1000,
			log: () => {},
			label: 't'
		});
		for (let i = 0; i < 5; i++) s.schedule();
		await sleep(60);
		expect(runs).toBe(1);
	});

	it('[Y10] projects within the maximum wait under a steady stream of edits', async () => {
		// Fake timers: on a loaded machine real 10 ms sleeps stretch, and the stream would end early.
		vi.useFakeTimers();
		try {
			let runs = 0;
			const s = new ProjectionScheduler(async () => void runs++, {
				debounceMs: 30,
				maxWaitMs: 60,
				log: () => {},
				label: 't'
			});
			// An edit every 10 ms for 150 ms: the debounce alone would never fire.
			for (let t = 0; t < 150; t += 10) {
				s.schedule();
				await vi.advanceTimersByTimeAsync(10);
			}
			expect(runs).toBeGreaterThanOrEqual(2);
			s.dispose();
		} finally {
			vi.useRealTimers();
		}
	});

	it('logs a failed projection and keeps working', async () => {
		const lines: string[] = [];
		let fail = true;
		let runs = 0;
		const s = new ProjectionScheduler(
			async () => {
				runs++;
				if (fail) throw new Error('locked');
			},
			{ debounceMs: 1, maxWaitMs: 10, log: (e, f) => lines.push(JSON.stringify({ e, ...f })), label: 'plan:p' }
		);
		s.schedule();
		await s.flush();
		fail = false;
		s.schedule();
		await s.flush();
		expect(runs).toBe(2);
		expect(lines[0]).toContain('plan:p');
	});

	it('[Y17] retries a failed projection with backoff until it succeeds, without a new edit', async () => {
		const lines: string[] = [];
		let runs = 0;
		const s = new ProjectionScheduler(
			async () => {
				if (++runs <= 2) throw new Error('database is locked');
			},
			{ debounceMs: 1, maxWaitMs: 10, log: (e, f) => lines.push(JSON.stringify({ e, ...f })), label: 'plan:p', retryBaseMs: 10, retryMaxMs: 40 }
		);
		s.schedule();
		await sleep(150);
		expect(runs).toBe(3);
		expect(lines).toHaveLength(2);
		await sleep(60);
		expect(runs).toBe(3); // nothing more once it succeeded
		s.dispose();
	});

	it('[Y17] a disposed scheduler does not retry', async () => {
		let runs = 0;
		const s = new ProjectionScheduler(
			async () => {
				runs++;
				throw new Error('locked');
			},
			{ debounceMs: 1, maxWaitMs: 10, log: () => {}, label: 'plan:p', retryBaseMs: 10 }
		);
		s.schedule();
		await s.flush();
		s.dispose();
		await sleep(50);
		expect(runs).toBe(1);
	});
});
