/**
 * Exchange visits between paired schools: validating a logged visit, who may log, see and confirm
 * one, and idempotent creation (one visit per user and Idempotency-Key, enforced by a unique index).
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/index';
import { pairings, visits } from '../db/schema';
import type { PlanMember } from '../../shared/sync/access';
import { VISIT_KINDS, type VisitKind } from '../../shared/plan/types';

export const MAX_VISIT_BODY_BYTES = 16 * 1024;
export const MAX_TOPIC = 200;
export const MAX_SUMMARY = 4000;
export const MAX_PARTICIPANTS = 10_000;
export const MAX_IDEMPOTENCY_KEY = 200;

export interface VisitInput {
	pairingId: string;
	date: string;
	host: string;
	visitor: string;
	kind: VisitKind;
	participants: number;
	topic: string;
	summary: string;
}

export interface Visit extends VisitInput {
	id: string;
	status: 'logged' | 'confirmed';
}

export type VisitParse = { ok: true; value: VisitInput } | { ok: false; fields: string[] };

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDay(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);

/** Checks the shape of a POSTed visit; names every field that is wrong. */
export function parseVisitInput(raw: unknown): VisitParse {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { ok: false, fields: ['body'] };
	}
	const o = raw as Record<string, unknown>;
	const fields: string[] = [];
	if (!isId(o.pairingId)) fields.push('pairingId');
	if (!isCalendarDay(o.date)) fields.push('date');
	if (!isId(o.host)) fields.push('host');
	if (!isId(o.visitor) || o.visitor === o.host) fields.push('visitor');
	if (!VISIT_KINDS.includes(o.kind as VisitKind)) fields.push('kind');
	if (
		typeof o.participants !== 'number' ||
		!Number.isInteger(o.participants) ||
		o.participants < 1 ||
		o.participants > MAX_PARTICIPANTS
	) {
		fields.push('participants');
	}
	const topic = typeof o.topic === 'string' ? o.topic.trim() : '';
	if (!topic || topic.length > MAX_TOPIC) fields.push('topic');
	const summary = o.summary === undefined ? '' : o.summary;
	if (typeof summary !== 'string' || summary.length > MAX_SUMMARY) fields.push('summary');
	if (fields.length > 0) return { ok: false, fields };
	return {
		ok: true,
		value: {
			pairingId: o.pairingId as string,
			date: o.date as string,
			host: o.host as string,
			visitor: o.visitor as string,
			kind: o.kind as VisitKind,
			participants: o.participants as number,
			topic,
			summary: (summary as string).trim()
		}
	};
}

/** Parses a request body of bounded size as JSON; errors are values, never exceptions. */
export function parseJsonBody(
	text: string
): { ok: true; value: unknown } | { ok: false; error: 'too_large' | 'malformed' } {
	if (new TextEncoder().encode(text).length > MAX_VISIT_BODY_BYTES) return { ok: false, error: 'too_large' };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false, error: 'malformed' };
	}
}

const seesEverything = (m: PlanMember) =>
	m.role === 'admin' || m.role === 'leader' || m.role === 'viewer';
const isLiaison = (m: PlanMember) => m.role === 'coordinator' || m.role === 'partner';

/** Admin and leader log visits for any pairing; a liaison only for a pairing of their school. */
export function mayLogVisit(m: PlanMember, pairing: { strongId: string; weakId: string }): boolean {
	if (m.role === 'admin' || m.role === 'leader') return true;
	return isLiaison(m) && !!m.schoolId && (m.schoolId === pairing.strongId || m.schoolId === pairing.weakId);
}

/** Admin and leader confirm any visit; otherwise only the host school's liaison. */
export function mayConfirmVisit(m: PlanMember, visit: { host: string }): boolean {
	if (m.role === 'admin' || m.role === 'leader') return true;
	return isLiaison(m) && !!m.schoolId && m.schoolId === visit.host;
}

const visitColumns = {
	id: visits.id,
	pairingId: visits.pairingId,
	date: visits.date,
	host: visits.hostId,
	visitor: visits.visitorId,
	kind: visits.kind,
	participants: visits.participants,
	topic: visits.topic,
	summary: visits.summary,
	status: visits.status
};

/** Visits the member may see: everything for admin, leader and viewer; a liaison their pairings'. */
export async function listVisits(db: Db, planId: string, member: PlanMember): Promise<Visit[]> {
	if (seesEverything(member)) {
		return db.select(visitColumns).from(visits).where(eq(visits.planId, planId)).orderBy(asc(visits.date), asc(visits.id));
	}
	if (!member.schoolId) return [];
	const mine = db
		.select({ id: pairings.id })
		.from(pairings)
		.where(
			and(
				eq(pairings.planId, planId),
				or(eq(pairings.strongId, member.schoolId), eq(pairings.weakId, member.schoolId))
			)
		);
	return db
		.select(visitColumns)
		.from(visits)
		.where(and(eq(visits.planId, planId), inArray(visits.pairingId, mine)))
		.orderBy(asc(visits.date), asc(visits.id));
}

export async function getVisit(db: Db, planId: string, visitId: string): Promise<Visit | null> {
	const [row] = await db
		.select(visitColumns)
		.from(visits)
		.where(and(eq(visits.planId, planId), eq(visits.id, visitId)))
		.limit(1);
	return row ?? null;
}

export type LogVisitResult =
	| { ok: true; visit: Visit; replayed: boolean }
	| { ok: false; status: 400; fields: string[] }
	| { ok: false; status: 403 }
	| { ok: false; status: 422; error: 'idempotency_key_reused' };

async function findByKey(db: Db, userId: string, key: string) {
	const [row] = await db
		.select({ ...visitColumns, planId: visits.planId })
		.from(visits)
		.where(and(eq(visits.createdBy, userId), eq(visits.idempotencyKey, key)))
		.limit(1);
	return row ?? null;
}

/**
 * Logs a visit once per (user, Idempotency-Key). A repeat returns the first visit; two racing
 * requests with one key both end on the row the unique index let through.
 */
export async function logVisit(
	db: Db,
	opts: { planId: string; userId: string; member: PlanMember; key: string; input: VisitInput }
): Promise<LogVisitResult> {
	const { planId, userId, member, key, input } = opts;
	const replay = async (): Promise<LogVisitResult | null> => {
		const existing = await findByKey(db, userId, key);
		if (!existing) return null;
		if (existing.planId !== planId) return { ok: false, status: 422, error: 'idempotency_key_reused' };
		const { planId: _p, ...visit } = existing;
		return { ok: true, visit, replayed: true };
	};
	const earlier = await replay();
	if (earlier) return earlier;

	const [pairing] = await db
		.select({ strongId: pairings.strongId, weakId: pairings.weakId })
		.from(pairings)
		.where(and(eq(pairings.planId, planId), eq(pairings.id, input.pairingId)))
		.limit(1);
	if (!pairing) return { ok: false, status: 400, fields: ['pairingId'] };
	if (!mayLogVisit(member, pairing)) return { ok: false, status: 403 };
	const schoolsOfPairing = [pairing.strongId, pairing.weakId];
	const fields: string[] = [];
	if (!schoolsOfPairing.includes(input.host)) fields.push('host');
	if (!schoolsOfPairing.includes(input.visitor) || input.visitor === input.host) fields.push('visitor');
	if (fields.length > 0) return { ok: false, status: 400, fields };

	const id = crypto.randomUUID();
	await db
		.insert(visits)
		.values({
			id,
			planId,
			pairingId: input.pairingId,
			date: input.date,
			hostId: input.host,
			visitorId: input.visitor,
			kind: input.kind,
			participants: input.participants,
			topic: input.topic,
			summary: input.summary,
			createdBy: userId,
			idempotencyKey: key
		})
		.onConflictDoNothing({ target: [visits.createdBy, visits.idempotencyKey] });
	const stored = await replay();
	if (!stored || !stored.ok) return stored ?? { ok: false, status: 400, fields: ['body'] };
	return { ...stored, replayed: stored.visit.id !== id };
}

export async function confirmVisit(
	db: Db,
	opts: { planId: string; visitId: string; userId: string; member: PlanMember }
): Promise<{ ok: true; visit: Visit } | { ok: false; status: 403 | 404 }> {
	const visit = await getVisit(db, opts.planId, opts.visitId);
	if (!visit) return { ok: false, status: 404 };
	if (!mayConfirmVisit(opts.member, visit)) return { ok: false, status: 403 };
	await db
		.update(visits)
		.set({ status: 'confirmed', confirmedBy: opts.userId })
		.where(and(eq(visits.planId, opts.planId), eq(visits.id, opts.visitId)));
	return { ok: true, visit: { ...visit, status: 'confirmed' } };
}
