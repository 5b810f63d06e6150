/**
 * Reading a JSON write the same way on every API route: the Idempotency-Key (required where a
 * resend must not write twice), a body of bounded size parsed as JSON, and a clear 400 naming what
 * is wrong (`Idempotency-Key`, `body`), never an exception. SvelteKit routes only.
 */
import { json } from '@sveltejs/kit';
import { boundedJson, MAX_IDEMPOTENCY_KEY, type BodyParse } from './json-body';

export const MAX_JSON_BODY_BYTES = 32 * 1024;

/** The one shape of a refused write: `{ error, fields }` with status 400. */
export const invalidFields = (fields: string[], error = 'invalid_fields') => json({ error, fields }, { status: 400 });

type Refused = { ok: false; response: Response };
const refused = (error: string, fields: string[]): Refused => ({ ok: false, response: invalidFields(fields, error) });

/** The key (null when absent and not needed) and the parsed body, or a ready 400. */
export async function readJsonBody(
	request: Request,
	opts: { needsKey: boolean; maxBytes: number; parse: (text: string) => BodyParse }
): Promise<{ ok: true; key: string | null; body: unknown } | Refused> {
	const key = request.headers.get('idempotency-key')?.trim() || null;
	if ((opts.needsKey && !key) || (key && key.length > MAX_IDEMPOTENCY_KEY)) return refused('idempotency_key', ['Idempotency-Key']);
	if (Number(request.headers.get('content-length') ?? 0) > opts.maxBytes) return refused('body_too_large', ['body']);
	let text: string;
	try {
		text = await request.text();
	} catch {
		return refused('body_unreadable', ['body']);
	}
	const body = opts.parse(text);
	if (!body.ok) return refused(body.error === 'too_large' ? 'body_too_large' : 'malformed_json', ['body']);
	return { ok: true, key, body: body.value };
}

/** An idempotent write (`POST` with a required `Idempotency-Key`) whose body the endpoint parses. */
export async function readIdempotentJson(
	request: Request,
	maxBytes: number,
	parse: (text: string) => BodyParse
): Promise<{ ok: true; key: string; body: unknown } | Refused> {
	const read = await readJsonBody(request, { needsKey: true, maxBytes, parse });
	return read.ok ? { ...read, key: read.key! } : read;
}

export type JsonRequest = { ok: true; value: Record<string, unknown>; key: string | null } | Refused;

/**
 * The request's JSON object and its Idempotency-Key (required when `needsKey`). A body that is
 * not an object is refused: these routes take named fields.
 */
export async function readJsonRequest(request: Request, needsKey: boolean): Promise<JsonRequest> {
	const read = await readJsonBody(request, { needsKey, maxBytes: MAX_JSON_BODY_BYTES, parse: boundedJson(MAX_JSON_BODY_BYTES) });
	if (!read.ok) return read;
	const value = read.body;
	if (!value || typeof value !== 'object' || Array.isArray(value)) return refused('not_an_object', ['body']);
	return { ok: true, value: value as Record<string, unknown>, key: read.key };
}

/** A trimmed text field of at most `max` characters; `undefined` when absent, null when invalid. */
export function textField(body: Record<string, unknown>, name: string, max: number): string | undefined | null {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') return null;
	const t = v.trim();
	return t.length > max ? null : t;
}
