/**
 * Per-page access to the live plan document. Set by the task table page, read by its components;
 * a context rather than a module singleton because the server renders for many users at once.
 */
import { getContext, setContext } from 'svelte';
import type { LiveDocConnection } from './connection.svelte';
import type { Presence } from './presence.svelte';

export interface PlanLive {
	connection: LiveDocConnection;
	presence: Presence;
}

const KEY = Symbol('plan-live');

export function setPlanLive(live: PlanLive): PlanLive {
	return setContext(KEY, live);
}

export function getPlanLive(): PlanLive {
	const live = getContext<PlanLive | undefined>(KEY);
	if (!live) throw new Error('getPlanLive() called outside a page that set the live plan');
	return live;
}
