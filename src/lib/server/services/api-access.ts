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
 * A write only the leading group (admins, leaders) may make: the member and the JSON object, or a
 * ready response (403 for anyone else, 400 for an unreadable body).
 */
export async function requireSteeringWrite(db: Db, user: SessionUser | null, planId: string, request: Request) {
	const access = await requirePlanMember(db, user, planId);
	if (!isSteering(access.member)) return { ok: false as const, response: json({ error: 'forbidden' }, { status: 403 }) };
	const body = await readJsonRequest(request, false);
	return body.ok ? { ok: true as const, ...access, value: body.value } : body;
}
