/**
 * A request body read as JSON within a size bound, errors as values: the part of reading a write
 * that services and tools share (no SvelteKit here; `./json-request.ts` builds the 400s on it).
 */
export const MAX_IDEMPOTENCY_KEY = 200;

export type BodyParse = { ok: true; value: unknown } | { ok: false; error: 'too_large' | 'malformed' };

/** `JSON.parse` of a body of at most `maxBytes`. */
export const boundedJson =
	(maxBytes: number) =>
	(text: string): BodyParse => {
		if (new TextEncoder().encode(text).length > maxBytes) return { ok: false, error: 'too_large' };
		try {
			return { ok: true, value: JSON.parse(text) };
		} catch {
			return { ok: false, error: 'malformed' };
		}
	};
