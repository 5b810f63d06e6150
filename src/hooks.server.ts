/**
 * Server hooks: migrations before the first request (`init`), then for each request the locale
 * (Paraglide), the security headers, the same-origin check of state-changing requests, and the
 * signed-in user (session cookie → `locals.user`, `locals.session`).
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb, getDbHandle } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { applySecurityHeaders } from '$lib/server/http/headers';
import { sameOriginRequest, STATE_CHANGING_METHODS } from '$lib/server/http/origin';
import * as m from '$lib/paraglide/messages';

export const init: ServerInit = async () => {
	await getDbHandle();
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

export const handle: Handle = sequence(handleParaglide, handleHeaders, handleOrigin, handleFormPosts, handleSession);
