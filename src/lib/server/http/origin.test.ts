import { describe, expect, it } from 'vitest';
import { sameOriginRequest, STATE_CHANGING_METHODS } from './origin';

const h = (o: Record<string, string>) => new Headers(o);
const site = 'http://127.0.0.1:3000';

describe('[H19] same-origin check of state-changing requests', () => {
	it('[H19] accepts the site’s own Origin, or Sec-Fetch-Site same-origin without one', () => {
		expect(sameOriginRequest(h({ origin: site }), site)).toBe(true);
		expect(sameOriginRequest(h({ 'sec-fetch-site': 'same-origin' }), site)).toBe(true);
	});

	it('[H19] refuses another port of the same host, another site, "null", same-site fetches and no header at all', () => {
		expect(sameOriginRequest(h({ origin: 'http://127.0.0.1:3001' }), site)).toBe(false);
		expect(sameOriginRequest(h({ origin: 'https://evil.example' }), site)).toBe(false);
		expect(sameOriginRequest(h({ origin: 'null' }), site)).toBe(false);
		expect(sameOriginRequest(h({ origin: 'http://127.0.0.1:3001', 'sec-fetch-site': 'same-origin' }), site)).toBe(false);
		expect(sameOriginRequest(h({ 'sec-fetch-site': 'same-site' }), site)).toBe(false);
		expect(sameOriginRequest(h({}), site)).toBe(false);
	});

	it('[H19] covers POST, PUT, PATCH and DELETE but not reads', () => {
		expect([...STATE_CHANGING_METHODS].sort()).toEqual(['DELETE', 'PATCH', 'POST', 'PUT']);
		expect(STATE_CHANGING_METHODS.has('GET')).toBe(false);
	});
});
