import { describe, expect, it } from 'vitest';
import { Notices, type NoticeClock } from '$lib/components/notices.svelte';
import { reportReply } from './action-reply';

const still: NoticeClock = { now: () => 0, setTimeout: () => 1, clearTimeout: () => {} };

describe('admin action replies', () => {
	it('[C4] a success is its form’s notice; a refusal no field shows is an error; field refusals clear it', () => {
		const notices = new Notices(still);
		reportReply(notices, { form: 'setUnits', userId: 'u1', success: '已保存' });
		reportReply(notices, { form: 'setUnits', userId: 'u2', errors: { units: '取值无效。' } });
		expect(notices.messages.map((n) => [n.key, n.message])).toEqual([['admin-setUnits-u1', '已保存']]);
		expect(notices.errors.map((n) => [n.key, n.message])).toEqual([['admin-setUnits-u2', '取值无效。']]);

		reportReply(notices, { form: 'createPlan', success: '已创建' });
		reportReply(notices, { form: 'createPlan', errors: { end: '结束日期不能早于开始日期。' } });
		expect(notices.list.map((n) => n.key)).toEqual(['admin-setUnits-u1', 'admin-setUnits-u2']);
		reportReply(notices, {});
		expect(notices.list).toHaveLength(2);
	});
});
