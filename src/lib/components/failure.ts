/**
 * One wording rule set for every failure the UI shows ([C3]): an HTTP answer that was not ok, a
 * form action's refusal, a thrown error, fetch's network `TypeError`. `failureKind` sorts the
 * failure into a few kinds by one set of rules; `failureMessage` words the kind, in the user's
 * language, with an action's own words where it has them (e.g. "could not apply the templates"
 * for any failure it has no better word for). Library and server text that is not translated
 * (an Error's message, an English `{error}`) is never shown.
 */
import * as m from '$lib/paraglide/messages';

/** An HTTP answer that was not ok: `status` 0 when none came; `body` its JSON, if any. */
export interface HttpFailure {
	readonly status: number;
	readonly body?: unknown;
	/** Seconds from a `Retry-After` header. */
	readonly retryAfter?: number | null;
}

/**
 * What went wrong: an `HttpFailure`, an `Error` (fetch's `TypeError` is the network), or a
 * message already translated (a form action's or a page's own words).
 */
export type Failure = HttpFailure | Error | string;

export type FailureKind =
	| 'offline'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'too_large'
	| 'unsupported'
	| 'rate_limited'
	| 'invalid'
	| 'other';

/** An action's own words per kind; `fallback` for any kind it does not name. */
export type Wording = Partial<Record<FailureKind | 'fallback', () => string>>;

const isHttp = (f: unknown): f is HttpFailure => typeof f === 'object' && f !== null && typeof (f as HttpFailure).status === 'number';
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** The error code of a JSON body: `code`, else `error` (the API answers both shapes). */
function codeOf(body: unknown): string {
	const b = record(body);
	return String(b.code ?? b.error ?? '');
}

/** Translated field messages of a form action's `{errors: {field: message}}`. */
function fieldMessages(body: unknown): string[] {
	return Object.values(record(record(body).errors)).filter((v): v is string => typeof v === 'string' && v !== '');
}

const STATUS_KINDS: Record<number, FailureKind> = {
	0: 'offline',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'too_large',
	415: 'unsupported',
	429: 'rate_limited'
};

/** [C3] The kind of a failure; the body's code wins over the status, the status over the rest. */
export function failureKind(failure: Failure): FailureKind {
	if (typeof failure === 'string') return 'other';
	if (failure instanceof TypeError) return 'offline';
	if (!isHttp(failure)) return 'other';
	const code = codeOf(failure.body);
	if (code === 'too_large' || code === 'body_too_large') return 'too_large';
	if (code === 'type_not_allowed' || code === 'unreadable_image') return 'unsupported';
	if (code === 'cross_origin') return 'forbidden';
	const byStatus = STATUS_KINDS[failure.status];
	if (byStatus) return byStatus;
	return failure.status === 400 || failure.status === 422 ? 'invalid' : 'other';
}

/**
 * [C3] The translated message for a failure: a message given is shown as it is; field messages
 * of a refused form are shown together; otherwise the action's wording of the kind, else the
 * common wording of the kind (the network, rights, sizes and types read the same everywhere),
 * else the action's fallback, else the kind's general wording.
 */
export function failureMessage(failure: Failure, wording: Wording = {}): string {
	if (typeof failure === 'string') return failure;
	const fields = isHttp(failure) ? fieldMessages(failure.body) : [];
	if (fields.length) return fields.join(' ');
	const kind = failureKind(failure);
	const own = wording[kind];
	if (own) return own();
	if (kind === 'rate_limited' && isHttp(failure) && failure.retryAfter) {
		return m.failure_rate_limited_wait({ seconds: failure.retryAfter });
	}
	return (COMMON[kind] ?? wording.fallback ?? GENERAL[kind] ?? m.error_generic)();
}

/** Kinds worded one way everywhere, whatever the action. */
const COMMON: Partial<Record<FailureKind, () => string>> = {
	offline: m.failure_offline,
	unauthorized: m.failure_unauthorized,
	forbidden: m.failure_forbidden,
	conflict: m.failure_conflict,
	too_large: m.failure_too_large,
	unsupported: m.failure_unsupported,
	rate_limited: m.failure_rate_limited
};

/** Kinds an action words better when it can ("could not apply…"); these words otherwise. */
const GENERAL: Partial<Record<FailureKind, () => string>> = {
	invalid: m.failure_invalid,
	not_found: m.failure_not_found
};

/** What a `catch` caught, as a failure: never its text, which is not the user's language. */
export const caught = (e: unknown): Failure => (e instanceof Error ? e : new Error(String(e)));

/** The `HttpFailure` of a fetch answer that was not ok (its JSON body read, if it has one). */
export async function httpFailure(res: Response): Promise<HttpFailure> {
	const body = await res.json().catch(() => undefined);
	const retry = Number(res.headers.get('retry-after'));
	return { status: res.status, body, retryAfter: Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null };
}
