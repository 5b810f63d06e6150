/**
 * Several change requests filed with one reason ([AP5]): a paste or a deletion that held back more
 * than one approved task. Each draft keeps its own Idempotency-Key for the dialog's life, so a
 * resend after a dropped answer never files a second request; a task that already has a pending
 * request is reported and the others go on. Pure: the dialog and `PlanApproval` share it.
 */
import type { HttpFailure } from '$lib/components/failure';
import { draftKey, type RequestDraft } from './change-gate';

/** How one draft's request went: filed, refused because one is already pending, or failed. */
export type RequestOutcome = 'sent' | 'pending_exists' | 'failed';

/** [AP5] The outcome of an answer: `null` for an ok one, else the failure it gave. */
export function outcomeOf(failure: HttpFailure | null): RequestOutcome {
	if (!failure) return 'sent';
	const body = failure.body as { error?: unknown } | undefined;
	return failure.status === 409 && body?.error === 'pending_exists' ? 'pending_exists' : 'failed';
}

/** [AP5] One key per draft, made once: a resend of the same draft sends the same key. */
export function keysFor(drafts: readonly RequestDraft[], make: () => string = () => crypto.randomUUID()): Map<string, string> {
	return new Map(drafts.map((d) => [draftKey(d), make()]));
}

/** [AP5] The drafts still to send: none filed yet and none already pending for that task. */
export const unsettled = (drafts: readonly RequestDraft[], outcomes: ReadonlyMap<string, RequestOutcome>): RequestDraft[] =>
	drafts.filter((d) => {
		const o = outcomes.get(draftKey(d));
		return o === undefined || o === 'failed';
	});

/** How many of each outcome, for the notice after a send. */
export function tally(outcomes: ReadonlyMap<string, RequestOutcome>): Record<RequestOutcome, number> {
	const out = { sent: 0, pending_exists: 0, failed: 0 };
	for (const o of outcomes.values()) out[o]++;
	return out;
}
