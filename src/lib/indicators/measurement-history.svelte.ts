/**
 * [I8] One indicator's measurement history on the indicators page: folded until opened, read
 * from `GET …/indicators/:id/measurements` on the first opening and again when the indicator's
 * figures move while it is open (a measurement saved here or elsewhere). Newest first, each with
 * the link to its evidence file. Each card makes its own.
 */
import type { Measurement } from '$lib/shared/supervision/indicators';

export type HistoryState = 'idle' | 'loading' | 'ready' | 'failed';

/** [I8] The history as shown: newest first (the API answers oldest first, in entry order). */
export const newestFirst = (list: readonly Measurement[]): Measurement[] => [...list].reverse();

/** [I8] Where a measurement's evidence opens: the file route, which checks the reader may see it. */
export const evidenceHref = (fileId: string): string => `/api/files/${encodeURIComponent(fileId)}`;

type Fetch = typeof fetch;

export class MeasurementHistory {
	#open = $state(false);
	#state = $state<HistoryState>('idle');
	#list = $state.raw<readonly Measurement[]>([]);
	readonly #url: string;

	constructor(
		planId: string,
		indicatorId: string,
		private readonly fetcher: Fetch = (...a) => fetch(...a)
	) {
		this.#url = `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(indicatorId)}/measurements`;
	}

	get open(): boolean {
		return this.#open;
	}
	get state(): HistoryState {
		return this.#state;
	}
	/** Newest first. */
	get list(): readonly Measurement[] {
		return this.#list;
	}

	/** Opens (reading the history the first time) or folds it. */
	toggle(): Promise<void> {
		this.#open = !this.#open;
		return this.#open && this.#state !== 'ready' ? this.load() : Promise.resolve();
	}

	/** The indicator's figures moved: an open history reads itself again; a folded one on opening. */
	changed(): Promise<void> {
		if (this.#open) return this.load();
		if (this.#state === 'ready') this.#state = 'idle';
		return Promise.resolve();
	}

	async load(): Promise<void> {
		// A re-read keeps the rows shown until the answer is in.
		if (this.#state !== 'ready') this.#state = 'loading';
		try {
			const res = await this.fetcher(this.#url);
			if (!res.ok) throw new Error(String(res.status));
			this.#list = newestFirst((await res.json()) as Measurement[]);
			this.#state = 'ready';
		} catch {
			this.#state = 'failed';
		}
	}
}
