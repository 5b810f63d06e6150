/**
 * Server hooks, for each request: the process's runtime (adopted from the Node entry, then
 * `locals.runtime`), the locale (Paraglide), the security headers, the same-origin check of
 * state-changing requests, and the signed-in user (session cookie → `locals.user`,
 * `locals.session`). Migrations run when the database first opens (`$lib/server/db`).
 */
import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { adoptRuntime, thisRuntime, type RuntimeCarrier } from '$lib/server/runtime';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { applySecurityHeaders } from '$lib/server/http/headers';
import { sameOriginRequest, STATE_CHANGING_METHODS } from '$lib/server/http/origin';
import * as m from '$lib/paraglide/messages';

/**
 * The Node entry hands its runtime over on the request (see `$lib/server/runtime`); under
 * `npm run dev` this graph's own runtime is the one.
 */
const handleRuntime: Handle = ({ event, resolve }) => {
	const carried = (event.platform as { req?: RuntimeCarrier } | undefined)?.req?.runtime;
	if (carried) adoptRuntime(carried);
	event.locals.runtime = thisRuntime();
	return resolve(event);
};

const handleParaglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Every response, pages, API and errors alike, carries the security headers. */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	try {
		applySecurityHeaders(response.headers, event.url.protocol === 'https:');
		return response;
	} catch {
		// Immutable headers (a fetched Response passed through): copy it once.
		const copy = new Response(response.body, response);
		applySecurityHeaders(copy.headers, event.url.protocol === 'https:');
		return copy;
	}
};

/**
 * POST, PUT, PATCH and DELETE, with or without a body, need a same-origin `Origin` (or
 * `Sec-Fetch-Site: same-origin`): a page on another port of this host is same-site, so the
 * session cookie rides along, and SvelteKit's CSRF check only covers form content types.
 */
const handleOrigin: Handle = ({ event, resolve }) => {
	if (STATE_CHANGING_METHODS.has(event.request.method) && !sameOriginRequest(event.request.headers, event.url.origin)) {
		const message = m.http_cross_origin_forbidden();
		return event.url.pathname.startsWith('/api/')
			? Response.json({ error: 'cross_origin', message }, { status: 403 })
			: new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return resolve(event);

	const { session, user, extended } = await validateSessionToken(await getDb(), token);
	if (!session) {
		deleteSessionCookie(event.cookies, event.url);
		return resolve(event);
	}
	if (extended) setSessionCookie(event.cookies, token, session.expiresAt, event.url);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

/** Pages whose form actions scripts and other non-browser clients post to (`POST /login`). */
const FORM_PAGES = new Set(['/login', '/setup', '/admin']);

/**
 * A plain form POST from a client that accepts any type (fetch, curl) would get SvelteKit's
 * JSON action result with HTTP 200 even on failure. Answer it as a browser's form post instead:
 * a 303 redirect on success, the page with a 4xx status on failure. `use:enhance` is unaffected.
 */
const handleFormPosts: Handle = ({ event, resolve }) => {
	const { request } = event;
	if (
		request.method === 'POST' &&
		FORM_PAGES.has(event.url.pathname) &&
		request.headers.get('x-sveltekit-action') !== 'true' &&
		!(request.headers.get('accept') ?? '').includes('text/html')
	) {
		try {
			request.headers.set('accept', 'text/html');
		} catch {
			// immutable headers: SvelteKit's default answer still works
		}
	}
	return resolve(event);
};

export const handle: Handle = sequence(handleRuntime, handleParaglide, handleHeaders, handleOrigin, handleFormPosts, handleSession);
