/**
 * One page's view of a plan's approval and change requests ([AP1]–[AP4]): the latest approval
 * (`GET …/approval`, 404 before any), the limits the server holds each task to, and the requests,
 * re-read every 5 s while the page is visible. The actions approve, ask and decide; a failure is
 * shown through the notices, worded by `failure.ts`. Each page makes its own (never a module
 * singleton: the server renders for many users at once).
 */
import * as m from '$lib/paraglide/messages';
import { httpFailure, caught, type Failure } from '$lib/components/failure';
import type { Notices } from '$lib/components/notices.svelte';
import type { ApprovedLimit, ChangeRequest } from '$lib/shared/calendar/change-request';
import { browserPollHost, VisiblePoll, type PollHost } from '$lib/indicators/visible-poll';
import { pendingByTask, requestBody, type RequestDraft } from './change-gate';

export const APPROVAL_POLL_MS = 5000;

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
		private readonly notices: Pick<Notices, 'fail' | 'success'>,
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

	/** Posts the request a draft became; `false` (nothing sent) while the reason is blank. */
	request(draft: RequestDraft, reason: string, key: string = crypto.randomUUID()): Promise<boolean> {
		const body = requestBody(draft, reason);
		if (!body) return Promise.resolve(false);
		return this.#act('change-request', `${this.#base}/change-requests`, body, m.change_request_sent, { fallback: m.change_request_failed }, key);
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

	async #act(
		key: string,
		url: string,
		body: Record<string, unknown>,
		done: () => string,
		wording: { fallback: () => string },
		idempotencyKey?: string
	): Promise<boolean> {
		this.#busy = true;
		let failure: Failure | null = null;
		try {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
			const res = await this.fetcher(url, { method: 'POST', headers, body: JSON.stringify(body) });
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
