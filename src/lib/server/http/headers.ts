/**
 * Security headers of every response, pages and API alike. The Content-Security-Policy itself is
 * SvelteKit's (`kit.csp` in svelte.config.js), which adds nonces or hashes for its own inline
 * scripts; these are the headers around it.
 */

/** Headers every response gets. `camera=(self)` is kept for photo evidence taken on a phone. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(self), geolocation=(), microphone=(), payment=(), usb=()',
	// For browsers that predate CSP frame-ancestors: the admin page must not render in a frame.
	'x-frame-options': 'DENY'
};

/** HSTS for https requests only: sent over plain http it is ignored, and it must not pin a LAN setup. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Sets the security headers on a response, keeping any a route set itself. */
export function applySecurityHeaders(headers: Headers, https: boolean): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!headers.has(name)) headers.set(name, value);
	}
	if (https && !headers.has('strict-transport-security')) headers.set('strict-transport-security', HSTS);
}
