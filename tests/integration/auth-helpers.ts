/** HTTP helpers for the auth, API, visits, admin and calendar suites: forms as a browser posts them. */
import type { RunningServer } from '../helpers/start-server';

/** A same-origin form POST (SvelteKit's CSRF check wants a matching Origin), redirects not followed. */
export function postForm(
	server: RunningServer,
	path: string,
	fields: Record<string, string>,
	opts: { cookie?: string; origin?: string } = {}
): Promise<Response> {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: opts.origin ?? server.url,
			...(opts.cookie ? { cookie: opts.cookie } : {})
		},
		body: new URLSearchParams(fields).toString()
	});
}

/** The `session=<token>` pair from a response's Set-Cookie, or null. */
export function sessionCookieOf(res: Response): string | null {
	const header = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!header) return null;
	const pair = header.split(';')[0];
	return pair === 'session=' ? null : pair;
}

/** The `device=<value>` pair from a response's Set-Cookie (issued on sign-in), or null. */
export function deviceCookieOf(res: Response): string | null {
	const header = res.headers.getSetCookie().find((c) => c.startsWith('device='));
	return header ? header.split(';')[0] : null;
}

export async function signIn(server: RunningServer, username: string, password: string, path = '/login') {
	const res = await postForm(server, path, { username, password });
	return { res, cookie: sessionCookieOf(res) };
}

export function get(server: RunningServer, path: string, cookie?: string): Promise<Response> {
	return fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

export function postJson(
	server: RunningServer,
	path: string,
	body: unknown,
	opts: { cookie?: string; key?: string; raw?: string; method?: 'POST' | 'PUT' | 'PATCH' } = {}
): Promise<Response> {
	return fetch(server.url + path, {
		method: opts.method ?? 'POST',
		headers: {
			'content-type': 'application/json',
			origin: server.url,
			...(opts.cookie ? { cookie: opts.cookie } : {}),
			...(opts.key ? { 'idempotency-key': opts.key } : {})
		},
		body: opts.raw ?? JSON.stringify(body)
	});
}

/**
 * A body-less state-changing request as a script sends it: with the server's own `Origin` unless
 * told otherwise (every POST, PUT, PATCH and DELETE needs a same-origin one).
 */
export function send(
	server: RunningServer,
	method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	path: string,
	opts: { cookie?: string; origin?: string | null } = {}
): Promise<Response> {
	const origin = opts.origin === undefined ? server.url : opts.origin;
	return fetch(server.url + path, {
		method,
		redirect: 'manual',
		headers: { ...(origin !== null ? { origin } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) }
	});
}
