/**
 * [I5] Keeps an open indicators page current: while it is visible, asks the contract's
 * `GET …/indicators` every few seconds and, when the answer differs from what the page shows,
 * has the page re-read its figures (trend and spread included). No reload, no socket.
 */
import { call } from '$lib/pairing/visit-api';
import { figuresSignature, type IndicatorFigures } from '$lib/shared/supervision/indicators';
import { VisiblePoll, browserPollHost, type PollHost } from './visible-poll';

export const POLL_MS = 3000;

export function watchFigures(
	planId: string,
	shown: () => readonly IndicatorFigures[],
	refresh: () => Promise<void>,
	host: PollHost = browserPollHost()
): VisiblePoll {
	const url = `/api/plans/${encodeURIComponent(planId)}/indicators`;
	return new VisiblePoll(
		async () => {
			const res = await call<IndicatorFigures[]>(url, { method: 'GET', headers: { accept: 'application/json' } });
			if (res.ok && figuresSignature(res.value) !== figuresSignature(shown())) await refresh();
		},
		POLL_MS,
		host
	);
}
