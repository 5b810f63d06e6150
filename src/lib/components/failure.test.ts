import { describe, expect, it } from 'vitest';
import * as m from '$lib/paraglide/messages';
import { caught, failureKind, failureMessage, httpFailure } from './failure';

describe('failure wording', () => {
	it('[C3] the network, rights, sizes, types, conflicts and rate limits read the same whatever the action', () => {
		const own = { fallback: () => '下发失败' };
		expect(failureMessage(new TypeError('Failed to fetch'), own)).toBe(m.failure_offline());
		expect(failureMessage({ status: 0 }, own)).toBe(m.failure_offline());
		expect(failureMessage({ status: 401 }, own)).toBe(m.failure_unauthorized());
		expect(failureMessage({ status: 403, body: { message: 'forbidden' } }, own)).toBe(m.failure_forbidden());
		expect(failureMessage({ status: 409, body: { error: 'planned' } }, own)).toBe(m.failure_conflict());
		expect(failureMessage({ status: 413, body: { error: 'file too large', code: 'too_large' } }, own)).toBe(m.failure_too_large());
		expect(failureMessage({ status: 415 }, own)).toBe(m.failure_unsupported());
		expect(failureMessage({ status: 429 }, own)).toBe(m.failure_rate_limited());
		expect(failureMessage({ status: 429, retryAfter: 8 }, own)).toBe(m.failure_rate_limited_wait({ seconds: 8 }));
	});

	it('[C3] a body code wins over the status; an action words a kind its own way', () => {
		expect(failureKind({ status: 400, body: { error: 'body_too_large', fields: ['body'] } })).toBe('too_large');
		expect(failureKind({ status: 415, body: { code: 'unreadable_image' } })).toBe('unsupported');
		expect(failureKind({ status: 403, body: { error: 'cross_origin' } })).toBe('forbidden');
		const evidence = { too_large: () => '文件过大，请压缩', unsupported: () => '仅可上传照片' };
		expect(failureMessage({ status: 413, body: { code: 'too_large' } }, evidence)).toBe('文件过大，请压缩');
		expect(failureMessage({ status: 415, body: { code: 'type_not_allowed' } }, evidence)).toBe('仅可上传照片');
	});

	it('[C3] a refused form shows its translated field messages; a given message shows as it is', () => {
		const refused = { status: 400, body: { form: 'setUnits', errors: { units: '取值无效。', userId: '' } } };
		expect(failureMessage(refused)).toBe('取值无效。');
		expect(failureMessage({ status: 400, body: { errors: { a: '一。', b: '二。' } } })).toBe('一。 二。');
		expect(failureMessage('未保存，请检查：name')).toBe('未保存，请检查：name');
	});

	it('[C3] anything else takes the action’s fallback, else a general wording; library text never shows', () => {
		expect(failureMessage(new Error('SQLITE_BUSY: database is locked'))).toBe(m.error_generic());
		expect(failureMessage(caught('a thrown string'))).toBe(m.error_generic());
		expect(failureMessage({ status: 500, body: { message: 'Internal Error' } }, { fallback: () => '下发失败' })).toBe('下发失败');
		expect(failureMessage({ status: 400, body: { error: 'invalid_input', fields: ['schoolType'] } })).toBe(m.failure_invalid());
		expect(failureMessage({ status: 400, body: { error: 'invalid_input' } }, { fallback: () => '下发失败' })).toBe('下发失败');
		expect(failureMessage({ status: 404 })).toBe(m.failure_not_found());
		expect(failureMessage({ status: 502 })).toBe(m.error_generic());
	});

	it('[C3] a fetch answer becomes a failure with its JSON body and Retry-After', async () => {
		const res = new Response(JSON.stringify({ error: 'rate_limited' }), { status: 429, headers: { 'retry-after': '4' } });
		expect(await httpFailure(res)).toEqual({ status: 429, body: { error: 'rate_limited' }, retryAfter: 4 });
		expect(await httpFailure(new Response('<html>', { status: 502 }))).toEqual({ status: 502, body: undefined, retryAfter: null });
	});
});
