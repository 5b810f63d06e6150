/**
 * Whether a state-changing request comes from this site. SvelteKit's own CSRF check only looks at
 * form content types, so a body-less `fetch(…, { method: 'POST' })` from another port of the same
 * host (same-site, so SameSite=Lax cookies ride along) would pass it; this check covers every
 * method that changes state, with or without a body.
 */

/** Methods that may change state; GET, HEAD and OPTIONS must not. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request may change state when its `Origin` is exactly the site's origin, or, when the browser
 * sent no Origin, when it says `Sec-Fetch-Site: same-origin`. Scripts and tests send an `Origin`.
 */
export function sameOriginRequest(
	headers: { get(name: string): string | null },
	siteOrigin: string
): boolean {
	const origin = headers.get('origin');
	if (origin !== null) return origin === siteOrigin;
	return headers.get('sec-fetch-site') === 'same-origin';
}
