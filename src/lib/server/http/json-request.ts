/**
 * Reading a JSON write request the same way on every supervision route: a bounded body, a clear
 * 400 naming what is wrong (`body`, `Idempotency-Key`), never an exception. SvelteKit routes only.
 */
import { json } from '@sveltejs/kit';

export const MAX_JSON_BODY_BYTES = 32 * 1024;
export const MAX_IDEMPOTENCY_KEY = 200;

/** The one shape of a refused write: `{ error, fields }` with status 400. */
export const invalidFields = (fields: string[], error = 'invalid_fields') => json({ error, fields }, { status: 400 });

export type JsonRequest = { ok: true; value: Record<string, unknown>; key: string | null } | { ok: false; response: Response };

/**
 * The request's JSON object and its Idempotency-Key (required when `needsKey`). A body that is
 * not an object is refused: every route here takes named fields.
 */
export async function readJsonRequest(request: Request, needsKey: boolean): Promise<JsonRequest> {
	const key = request.headers.get('idempotency-key')?.trim() || null;
	if ((needsKey && !key) || (key && key.length > MAX_IDEMPOTENCY_KEY)) {
		return { ok: false, response: invalidFields(['Idempotency-Key'], 'idempotency_key') };
	}
	if (Number(request.headers.get('content-length') ?? 0) > MAX_JSON_BODY_BYTES) {
		return { ok: false, response: invalidFields(['body'], 'body_too_large') };
	}
	let text: string;
	try {
		text = await request.text();
	} catch {
		return { ok: false, response: invalidFields(['body'], 'body_unreadable') };
	}
	if (new TextEncoder().encode(text).length > MAX_JSON_BODY_BYTES) return { ok: false, response: invalidFields(['body'], 'body_too_large') };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, response: invalidFields(['body'], 'malformed_json') };
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, response: invalidFields(['body'], 'not_an_object') };
	return { ok: true, value: value as Record<string, unknown>, key };
}

/** A trimmed text field of at most `max` characters; `undefined` when absent, null when invalid. */
export function textField(body: Record<string, unknown>, name: string, max: number): string | undefined | null {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') return null;
	const t = v.trim();
	return t.length > max ? null : t;
}
