/**
 * The app's one notice surface ([C1]–[C4]): what an action has to tell the user (saved, applied,
 * could not…) goes here, by key, and `NoticeRegion.svelte` in the root layout shows it. One
 * instance per page tree through `setNotices`/`getNotices` (the server renders for many users at
 * once: never a module singleton). Failures are worded by `failure.ts`, so every page says "no
 * network" or "not allowed" the same way.
 */
import { getContext, setContext, untrack } from 'svelte';
import { dismissNotice, expireNotices, nextExpiry, showNotice, type Notice, type NoticeKind, type ShowOptions } from './notice-list';
import { failureMessage, type Failure, type Wording } from './failure';

/** Time and timers, replaceable so tests need no real clock. */
export interface NoticeClock {
	now(): number;
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(id: unknown): void;
}

const realClock: NoticeClock = {
	now: () => Date.now(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>)
};

type Options = Omit<ShowOptions, 'key'>;

export class Notices {
	#list = $state.raw<readonly Notice[]>([]);
	/** The one timer, set for the next notice to expire. */
	#timer: unknown = null;
	readonly #clock: NoticeClock;

	constructor(clock: NoticeClock = realClock) {
		this.#clock = clock;
	}

	/** Every notice shown, oldest first. */
	get list(): readonly Notice[] {
		return this.#list;
	}

	/** The errors, for the alert container (which exists only while there is one). */
	get errors(): readonly Notice[] {
		return this.#list.filter((n) => n.kind === 'error');
	}

	/** Info and success, for the polite live region. */
	get messages(): readonly Notice[] {
		return this.#list.filter((n) => n.kind !== 'error');
	}

	info(key: string, message: string, opts: Options = {}): void {
		this.#show('info', message, { ...opts, key });
	}

	success(key: string, message: string, opts: Options = {}): void {
		this.#show('success', message, { ...opts, key });
	}

	/** [C3] An action's failure, worded by the one rule set (`wording`: the action's own words). */
	fail(key: string, failure: Failure, wording?: Wording, opts: Options = {}): void {
		this.#show('error', failureMessage(failure, wording), { ...opts, key });
	}

	dismiss(key: string): void {
		this.#set(dismissNotice(this.#current(), key));
	}

	/** Another page opened: what this one had to say no longer applies. */
	clear(): void {
		this.#set([]);
	}

	/** Stops the timer (the layout is going away). */
	destroy(): void {
		if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
		this.#timer = null;
	}

	/**
	 * The list as it is, read without tracking: pages report form results from an effect, which
	 * must not rerun (and report again) because the list it wrote changed.
	 */
	#current(): readonly Notice[] {
		return untrack(() => this.#list);
	}

	#show(kind: NoticeKind, message: string, opts: ShowOptions): void {
		this.#set(showNotice(this.#current(), kind, message, opts, this.#clock.now()));
	}

	/** Holds `list` and sets the timer for its next expiry (again if it fired a moment early). */
	#set(list: readonly Notice[]): void {
		if (list !== this.#current()) this.#list = list;
		this.destroy();
		const next = nextExpiry(list);
		if (next === null) return;
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = null;
			this.#set(expireNotices(this.#current(), this.#clock.now()));
		}, Math.max(0, next - this.#clock.now()));
	}
}

const KEY = Symbol('notices');

/** Creates the notices of a page tree (the root layout does, once). */
export function setNotices(notices = new Notices()): Notices {
	return setContext(KEY, notices);
}

export function getNotices(): Notices {
	const notices = getContext<Notices | undefined>(KEY);
	if (!notices) throw new Error('getNotices() called outside the root layout');
	return notices;
}
