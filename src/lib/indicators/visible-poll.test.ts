import { describe, expect, it } from 'vitest';
import { VisiblePoll, type PollHost } from './visible-poll';

function fakeHost() {
	let visible = true;
	let timer: (() => void) | null = null;
	let listener: (() => void) | null = null;
	const host: PollHost = {
		visible: () => visible,
		onVisibilityChange(fn) {
			listener = fn;
			return () => (listener = null);
		},
		every(_ms, fn) {
			timer = fn;
			return () => (timer = null);
		}
	};
	return {
		host,
		fire: () => timer?.(),
		setVisible(v: boolean) {
			visible = v;
			listener?.();
		},
		stopped: () => timer === null && listener === null
	};
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('VisiblePoll', () => {
	it('[I5] runs on every tick while visible, not while hidden, and at once when shown again', async () => {
		const f = fakeHost();
		let runs = 0;
		const poll = new VisiblePoll(async () => void runs++, 3000, f.host);
		poll.start();
		f.fire();
		await flush();
		expect(runs).toBe(1);
		f.setVisible(false);
		f.fire();
		await flush();
		expect(runs).toBe(1);
		f.setVisible(true);
		await flush();
		expect(runs).toBe(2);
		poll.stop();
		expect(f.stopped()).toBe(true);
	});

	it('[I5] never runs two rounds at a time, and survives a failed round', async () => {
		const f = fakeHost();
		let release!: () => void;
		let runs = 0;
		const poll = new VisiblePoll(
			() => {
				runs++;
				if (runs === 1) return new Promise<void>((r) => (release = r));
				return Promise.reject(new Error('offline'));
			},
			3000,
			f.host
		);
		poll.start();
		f.fire();
		f.fire();
		expect(runs).toBe(1);
		release();
		await flush();
		f.fire();
		await flush();
		f.fire();
		await flush();
		expect(runs).toBe(3);
	});
});
