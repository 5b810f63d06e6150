/**
 * The list behind the page's one notice surface ([C1]–[C2]), as pure functions over an immutable
 * array so the rune class (`notices.svelte.ts`) only holds it and runs one timer. A notice is
 * found by its key: showing another under the same key replaces it (a failure repeated ten times
 * is one notice, and "saved" supersedes "could not save"); errors stay until dismissed or
 * replaced, info and success expire.
 */

export type NoticeKind = 'error' | 'info' | 'success';

export interface Notice {
	/** Unique per showing: a replaced notice is a new element, so assistive technology reads it again. */
	readonly id: number;
	readonly key: string;
	readonly kind: NoticeKind;
	readonly message: string;
	/** Lines under the message (e.g. each skipped cell of a paste). */
	readonly details: readonly string[];
	/** When it goes by itself (ms since the epoch); `null`: until dismissed or replaced. */
	readonly expiresAt: number | null;
}

export interface ShowOptions {
	/** Notices with one key replace each other; by default the message is the key. */
	key?: string;
	details?: readonly string[];
	/** Override how long an info or success notice stays; `null` keeps it until dismissed. */
	timeoutMs?: number | null;
}

/** How long info and success notices stay: long enough to read two lines twice. */
export const NOTICE_TIMEOUT_MS = 8000;
/** More than this many at once and the oldest go: the surface must not cover the page. */
export const MAX_NOTICES = 4;

let lastId = 0;

/** [C1] `list` with the notice shown: one under the same key is replaced, the newest comes last. */
export function showNotice(
	list: readonly Notice[],
	kind: NoticeKind,
	message: string,
	opts: ShowOptions = {},
	now = Date.now()
): readonly Notice[] {
	const key = opts.key ?? message;
	const timeout = opts.timeoutMs !== undefined ? opts.timeoutMs : kind === 'error' ? null : NOTICE_TIMEOUT_MS;
	const notice: Notice = {
		id: ++lastId,
		key,
		kind,
		message,
		details: opts.details ?? [],
		expiresAt: timeout === null ? null : now + timeout
	};
	return [...list.filter((n) => n.key !== key), notice].slice(-MAX_NOTICES);
}

/** [C2] `list` without the notice of `key` (unchanged when there is none). */
export function dismissNotice(list: readonly Notice[], key: string): readonly Notice[] {
	return list.some((n) => n.key === key) ? list.filter((n) => n.key !== key) : list;
}

/** [C2] `list` without the notices whose time has come (unchanged when none has). */
export function expireNotices(list: readonly Notice[], now = Date.now()): readonly Notice[] {
	return list.some((n) => n.expiresAt !== null && n.expiresAt <= now) ? list.filter((n) => n.expiresAt === null || n.expiresAt > now) : list;
}

/** When the next notice expires, or `null` when none will by itself. */
export function nextExpiry(list: readonly Notice[]): number | null {
	let next: number | null = null;
	for (const n of list) if (n.expiresAt !== null && (next === null || n.expiresAt < next)) next = n.expiresAt;
	return next;
}
