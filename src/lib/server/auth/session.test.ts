import { describe, expect, it } from 'vitest';
import { tokenFromCookieHeader } from './session';

describe('tokenFromCookieHeader', () => {
	it('reads the session cookie among others', () => {
		expect(tokenFromCookieHeader('a=1; session=abc123; b=2')).toBe('abc123');
		expect(tokenFromCookieHeader('a=1')).toBeNull();
		expect(tokenFromCookieHeader(undefined)).toBeNull();
		expect(tokenFromCookieHeader('session=')).toBeNull();
	});
	it('treats an undecodable value as no session instead of throwing (the upgrade answers 401, not 500)', () => {
		expect(tokenFromCookieHeader('session=%zz')).toBeNull();
	});
});
