/**
 * One page's view of a plan's approval and change requests ([AP1]–[AP4]): the latest approval
 * (`GET …/approval`, 404 before any), the limits the server holds each task to, and the requests,
 * re-read every 5 s while the page is visible. The actions approve, ask and decide; a failure is
 * shown through the notices, worded by `failure.ts`. Each page makes its own (never a module
 * singleton: the server renders for many users at once).
 */
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { httpFailure, caught, type Failure } from '$lib/components/failure';
import type { Notices } from '$lib/components/notices.svelte';
import type { ApprovedLimit, ChangeRequest } from '$lib/shared/calendar/change-request';
import { browserPollHost, VisiblePoll, type PollHost } from '$lib/indicators/visible-poll';
import { draftKey, pendingByTask, requestBody, type RequestDraft } from './change-gate';
import { outcomeOf, tally, type RequestOutcome } from './request-batch';

export const APPROVAL_POLL_MS = 5000;

/** Task titles as a list in the reader's language (“A、B和C”, “A, B, and C”). */
const titleList = (titles: readonly string[]): string => new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(titles);

export interface Approval {
	version: number;
	approvedAt: string;
	approvedBy: string;
	approvedByName: string;
	limits: Record<string, ApprovedLimit>;
}

type Fetch = typeof fetch;

export class PlanApproval {
	#approval = $state.raw<Approval | null>(null);
	#requests = $state.raw<readonly ChangeRequest[]>([]);
	#loaded = $state(false);
	#busy = $state(false);
	readonly #pending = $derived(pendingByTask(this.#requests));
	readonly #poll: VisiblePoll;
	readonly #base: string;

	constructor(
		planId: string,
		private readonly notices: Pick<Notices, 'fail' | 'success' | 'info'>,
		private readonly fetcher: Fetch = (...a) => fetch(...a),
		host?: PollHost
	) {
		this.#base = `/api/plans/${encodeURIComponent(planId)}`;
		this.#poll = new VisiblePoll(() => this.load(), APPROVAL_POLL_MS, host ?? browserPollHost());
	}

	get approval(): Approval | null {
		return this.#approval;
	}
	get requests(): readonly ChangeRequest[] {
		return this.#requests;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get busy(): boolean {
		return this.#busy;
	}
	/** Each task's pending request, for the Gantt's marks. */
	get pending(): ReadonlyMap<string, ChangeRequest> {
		return this.#pending;
	}

	/** The limit the server holds a task to, or none (plan not approved, task added since). */
	limitOf = (taskId: string): ApprovedLimit | undefined => this.#approval?.limits[taskId];

	pendingFor(taskId: string): ChangeRequest | undefined {
		return this.#pending.get(taskId);
	}

	/** Loads now, then every few seconds while visible; returns the stop. */
	start(): () => void {
		void this.#poll.tick();
		this.#poll.start();
		return () => this.#poll.stop();
	}

	/** Reads both lists; a failure keeps what was shown (the next round tries again). */
	async load(): Promise<void> {
		const [a, r] = await Promise.all([this.fetcher(`${this.#base}/approval`), this.fetcher(`${this.#base}/change-requests`)]);
		if (a.ok) this.#approval = (await a.json()) as Approval;
		else if (a.status === 404) this.#approval = null;
		if (r.ok) this.#requests = (await r.json()) as ChangeRequest[];
		this.#loaded = true;
	}

	/** Approves the plan as it stands now: its dates become the baseline. `true` when done. */
	approve(): Promise<boolean> {
		return this.#act('approve', `${this.#base}/approve`, {}, m.approval_approved, { fallback: m.approval_approve_failed });
	}

	/**
	 * [AP5] Posts one request per draft with the one reason, each with its own key from `keys`
	 * (a resend of a draft sends its key again); nothing is sent while the reason is blank. A task
	 * with a request already pending is reported in the outcome, and the others still go; one
	 * notice says what was sent, another the first failure.
	 */
	async requestEach(drafts: readonly RequestDraft[], reason: string, keys: ReadonlyMap<string, string>): Promise<Map<string, RequestOutcome>> {
		const outcomes = new Map<string, RequestOutcome>();
		const bodies = drafts.map((d) => [d, requestBody(d, reason)] as const);
		if (!bodies.length || bodies.some(([, b]) => !b)) return outcomes;
		this.#busy = true;
		let failure: Failure | null = null;
		for (const [draft, body] of bodies) {
			const key = keys.get(draftKey(draft)) ?? crypto.randomUUID();
			let outcome: RequestOutcome = 'failed';
			try {
				const res = await this.#post(`${this.#base}/change-requests`, body!, key);
				const refused = res.ok ? null : await httpFailure(res);
				outcome = outcomeOf(refused);
				if (outcome === 'failed') failure ??= refused;
			} catch (e) {
				failure ??= caught(e);
			}
			outcomes.set(draftKey(draft), outcome);
		}
		this.#busy = false;
		const count = tally(outcomes);
		if (failure) this.notices.fail('change-request', failure, { fallback: m.change_request_failed });
		const held = drafts.filter((d) => outcomes.get(draftKey(d)) === 'pending_exists').map((d) => d.title);
		if (held.length) this.notices.info('change-request-pending', m.change_request_already_pending({ titles: titleList(held) }));
		if (count.sent) this.notices.success('change-request-sent', drafts.length === 1 ? m.change_request_sent() : m.change_request_sent_n({ count: String(count.sent) }));
		await this.load().catch(() => undefined);
		return outcomes;
	}

	decide(id: string, approve: boolean, note: string): Promise<boolean> {
		return this.#act(
			`decide-${id}`,
			`${this.#base}/change-requests/${encodeURIComponent(id)}/decide`,
			{ approve, note: note.trim() },
			approve ? m.change_request_approved : m.change_request_refused,
			{ fallback: m.change_request_decide_failed }
		);
	}

	#post(url: string, body: Record<string, unknown>, idempotencyKey?: string): Promise<Response> {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
		return this.fetcher(url, { method: 'POST', headers, body: JSON.stringify(body) });
	}

	async #act(
		key: string,
		url: string,
		body: Record<string, unknown>,
		done: () => string,
		wording: { fallback: () => string }
	): Promise<boolean> {
		this.#busy = true;
		let failure: Failure | null = null;
		try {
			const res = await this.#post(url, body);
			if (!res.ok) failure = await httpFailure(res);
		} catch (e) {
			failure = caught(e);
		}
		this.#busy = false;
		if (failure) {
			this.notices.fail(key, failure, wording);
			return false;
		}
		this.notices.success(key, done());
		await this.load().catch(() => undefined);
		return true;
	}
}
