import { describe, expect, it } from 'vitest';
import { applySecurityHeaders, HSTS } from './headers';

describe('[H20] security headers', () => {
	it('[H20] sets nosniff, Referrer-Policy, Permissions-Policy and frame denial; HSTS only over https', () => {
		const plain = new Headers();
		applySecurityHeaders(plain, false);
		expect(plain.get('x-content-type-options')).toBe('nosniff');
		expect(plain.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(plain.get('permissions-policy')).toContain('camera=(self)');
		expect(plain.get('permissions-policy')).toContain('geolocation=()');
		expect(plain.get('x-frame-options')).toBe('DENY');
		expect(plain.has('strict-transport-security')).toBe(false);
		const secure = new Headers();
		applySecurityHeaders(secure, true);
		expect(secure.get('strict-transport-security')).toBe(HSTS);
	});

	it('[H20] keeps a header a route set itself', () => {
		const headers = new Headers({ 'referrer-policy': 'no-referrer' });
		applySecurityHeaders(headers, false);
		expect(headers.get('referrer-policy')).toBe('no-referrer');
	});
});
