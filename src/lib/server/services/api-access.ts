/**
 * The guard of every `/api/plans/:planId/*` endpoint: 401 without a session, 404 for an unknown
 * plan, 403 for a non-member. Only SvelteKit routes import this (it throws SvelteKit errors).
 */
import { error, json } from '@sveltejs/kit';
import { readJsonRequest } from '../http/json-request';
import { isSteering } from '../../shared/supervision/membership';
import type { Db } from '../db/index';
import type { SessionUser } from '../auth/session';
import { planAccess } from './plans';

const MESSAGES = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' } as const;

export async function requirePlanMember(db: Db, user: SessionUser | null, planId: string) {
	const access = await planAccess(db, user?.id, planId);
	if (!access.ok) error(access.status, MESSAGES[access.status]);
	return { plan: access.plan, member: access.member, user: user! };
}

export function requireUser(user: SessionUser | null): SessionUser {
	if (!user) error(401, MESSAGES[401]);
	return user;
}

/**
 * The guard of a leading-group JSON write (admins and leaders): the plan member check, then 403
 * for anyone else, then the bounded JSON body (the size and shape checks of `readJsonRequest`). The refusal is a
 * ready response.
 */
export async function steeringJsonWrite(db: Db, user: SessionUser | null, planId: string, request: Request) {
	const { member, user: u } = await requirePlanMember(db, user, planId);
	if (!isSteering(member)) return { ok: false as const, response: json({ error: 'forbidden' }, { status: 403 }) };
	const body = await readJsonRequest(request, false);
	if (!body.ok) return { ok: false as const, response: body.response };
	return { ok: true as const, member, user: u, body: body.value, key: body.key };
}
