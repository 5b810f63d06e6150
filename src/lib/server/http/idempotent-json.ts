/**
 * The opening of every idempotent JSON write (`POST` with an `Idempotency-Key`): the key, then a
 * body of bounded size parsed as JSON. A refusal is a ready 400 naming what is wrong
 * (`Idempotency-Key` or `body`), so each endpoint goes on with the parsed value only.
 */
import { json } from '@sveltejs/kit';
import { MAX_IDEMPOTENCY_KEY } from '../services/visit-input';

export type BodyParse = { ok: true; value: unknown } | { ok: false; error: 'too_large' | 'malformed' };

export type IdempotentJson = { ok: true; key: string; body: unknown } | { ok: false; response: Response };

const invalid = (error: string, fields: string[]): IdempotentJson => ({
	ok: false,
	response: json({ error, fields }, { status: 400 })
});

export async function readIdempotentJson(request: Request, maxBytes: number, parse: (text: string) => BodyParse): Promise<IdempotentJson> {
	const key = request.headers.get('idempotency-key')?.trim() ?? '';
	if (!key || key.length > MAX_IDEMPOTENCY_KEY) return invalid('idempotency_key', ['Idempotency-Key']);
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > maxBytes) return invalid('body_too_large', ['body']);
	let text: string;
	try {
		text = await request.text();
	} catch {
		return invalid('body_unreadable', ['body']);
	}
	const body = parse(text);
	if (!body.ok) return invalid(body.error === 'too_large' ? 'body_too_large' : 'malformed_json', ['body']);
	return { ok: true, key, body: body.value };
}
