import { describe, expect, it } from 'vitest';
import * as m from '$lib/paraglide/messages';
import { Notices, type NoticeClock } from './notices.svelte';
import { NOTICE_TIMEOUT_MS } from './notice-list';

/** A clock whose time moves only when the test says so. */
function fakeClock() {
	let now = 0;
	let timer: { run: () => void; at: number } | null = null;
	const clock: NoticeClock = {
		now: () => now,
		setTimeout: (run, ms) => (timer = { run, at: now + ms }),
		clearTimeout: (id) => {
			if (id === timer) timer = null;
		}
	};
	const advance = (ms: number) => {
		now += ms;
		while (timer && timer.at <= now) {
			const t = timer;
			timer = null;
			t.run();
		}
	};
	return { clock, advance, pending: () => timer !== null };
}

describe('notices', () => {
	it('[C4] a failure is worded by the rule set and replaced by the success of its key', () => {
		const notices = new Notices(fakeClock().clock);
		notices.fail('templates', { status: 500 }, { fallback: m.schools_templates_apply_failed });
		notices.fail('templates', new TypeError('Failed to fetch'), { fallback: m.schools_templates_apply_failed });
		expect(notices.errors.map((n) => n.message)).toEqual([m.failure_offline()]);
		expect(notices.messages).toEqual([]);
		notices.success('templates', m.schools_templates_applied({ schools: 10, created: 3 }));
		expect(notices.errors).toEqual([]);
		expect(notices.messages.map((n) => n.kind)).toEqual(['success']);
	});

	it('[C4] one timer takes info and success away when their time comes; errors stay until dismissed or cleared', () => {
		const { clock, advance, pending } = fakeClock();
		const notices = new Notices(clock);
		notices.fail('save', '未保存');
		expect(pending()).toBe(false);
		notices.info('copied', '已复制');
		advance(NOTICE_TIMEOUT_MS / 2);
		notices.success('applied', '已下发');
		advance(NOTICE_TIMEOUT_MS / 2);
		expect(notices.list.map((n) => n.key)).toEqual(['save', 'applied']);
		advance(NOTICE_TIMEOUT_MS / 2);
		expect(notices.list.map((n) => n.key)).toEqual(['save']);
		expect(pending()).toBe(false);
		notices.dismiss('save');
		expect(notices.list).toEqual([]);
		notices.fail('a', '一');
		notices.info('b', '二');
		notices.clear();
		expect(notices.list).toEqual([]);
		expect(pending()).toBe(false);
	});
});
