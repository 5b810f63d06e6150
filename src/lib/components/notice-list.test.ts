import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, NOTICE_TIMEOUT_MS, dismissNotice, expireNotices, nextExpiry, showNotice } from './notice-list';

describe('notice list', () => {
	it('[C1] a repeated failure under one key is one notice, the newest last and read again', () => {
		let list = showNotice([], 'error', '未能保存', { key: 'save' }, 0);
		const first = list[0].id;
		list = showNotice(list, 'info', '已复制', {}, 0);
		list = showNotice(list, 'error', '未能保存', { key: 'save' }, 1);
		expect(list.map((n) => n.key)).toEqual(['已复制', 'save']);
		expect(list[1].id).not.toBe(first);
	});

	it('[C1] a success supersedes the failure of the same key; at most a few notices stay', () => {
		let list = showNotice([], 'error', '未能保存', { key: 'save' }, 0);
		list = showNotice(list, 'success', '已保存', { key: 'save' }, 0);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ kind: 'success', message: '已保存' });
		for (let i = 0; i < 10; i++) list = showNotice(list, 'info', `第 ${i} 条`, {}, 0);
		expect(list).toHaveLength(MAX_NOTICES);
		expect(list.at(-1)?.message).toBe('第 9 条');
	});

	it('[C2] errors stay until dismissed; info and success expire after the timeout', () => {
		let list = showNotice([], 'error', '未能保存', { key: 'save' }, 0);
		list = showNotice(list, 'success', '已下发', {}, 0);
		list = showNotice(list, 'info', '保持', { timeoutMs: null }, 0);
		expect(nextExpiry(list)).toBe(NOTICE_TIMEOUT_MS);
		expect(expireNotices(list, NOTICE_TIMEOUT_MS - 1)).toBe(list);
		list = expireNotices(list, NOTICE_TIMEOUT_MS);
		expect(list.map((n) => n.message)).toEqual(['未能保存', '保持']);
		expect(nextExpiry(list)).toBeNull();
		expect(dismissNotice(list, 'nothing')).toBe(list);
		expect(dismissNotice(list, 'save').map((n) => n.key)).toEqual(['保持']);
	});
});
