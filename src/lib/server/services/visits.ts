/**
 * Exchange visits between paired schools: validating a logged or planned visit, who may log, see,
 * edit and confirm one, idempotent creation (one visit per user and Idempotency-Key, enforced by a
 * unique index), the revision trail of changes, and the signal that tells open boards to re-read.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/index';
import { pairings, visitRevisions, visits } from '../db/schema';
import type { PlanMember } from '../../shared/sync/access';
import type { VisitStatus } from '../../shared/plan/types';
import { isIsoDate, todayInShanghai } from '../../shared/plan/dates';
import { isRecordId } from '../../shared/sync/schema';
import {
	mayBeConfirmed,
	mayEditVisit,
	visitDateProblem,
	type VisitRevision
} from '../../shared/pairing/visits';
import { bumpVisitsVersion } from '../../shared/sync/kinds/pairings';
import { applyToRoom } from '../runtime';

export * from './visit-input';
import { parseVisitInput, type Visit, type VisitInput, type VisitReasons } from './visit-input';

const isId = isRecordId;

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
	participantNames: visits.participantNames,
	hours: visits.hours,
	status: visits.status,
	createdBy: visits.createdBy,
	confirmedBy: visits.confirmedBy
};

/** Rows as the API shows them: a stored names value that is not a list reads as none. */
const shown = <T extends { participantNames: unknown }>(row: T): T & { participantNames: string[] } => ({
	...row,
	participantNames: Array.isArray(row.participantNames) ? (row.participantNames as string[]) : []
});

/** Visits the member may see: everything for admin, leader and viewer; a liaison their pairings'. */
export async function listVisits(db: Db, planId: string, member: PlanMember): Promise<Visit[]> {
	if (seesEverything(member)) {
		const rows = await db.select(visitColumns).from(visits).where(eq(visits.planId, planId)).orderBy(asc(visits.date), asc(visits.id));
		return rows.map(shown);
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
	const rows = await db
		.select(visitColumns)
		.from(visits)
		.where(and(eq(visits.planId, planId), inArray(visits.pairingId, mine)))
		.orderBy(asc(visits.date), asc(visits.id));
	return rows.map(shown);
}

export async function getVisit(db: Db, planId: string, visitId: string): Promise<Visit | null> {
	const [row] = await db
		.select(visitColumns)
		.from(visits)
		.where(and(eq(visits.planId, planId), eq(visits.id, visitId)))
		.limit(1);
	return row ? shown(row) : null;
}

type PairingDates = { strongId: string; weakId: string; start: string; end: string; ended: string | null };

async function getPairing(db: Db, planId: string, pairingId: string): Promise<PairingDates | null> {
	const [row] = await db
		.select({ strongId: pairings.strongId, weakId: pairings.weakId, start: pairings.start, end: pairings.end, ended: pairings.ended })
		.from(pairings)
		.where(and(eq(pairings.planId, planId), eq(pairings.id, pairingId)))
		.limit(1);
	return row ?? null;
}

/** [H15] Whether the member may see a visit of this pairing. */
function maySeePairing(m: PlanMember, pairing: { strongId: string; weakId: string }): boolean {
	return seesEverything(m) || mayLogVisit(m, pairing);
}

/** [H8][V1][V2] The fields of a shape-valid visit that its pairing refuses, with the reasons. */
function checkAgainstPairing(input: Omit<VisitInput, 'status'> & { status: VisitStatus }, pairing: PairingDates, today: string) {
	const schoolsOfPairing = [pairing.strongId, pairing.weakId];
	const fields: string[] = [];
	const reasons: VisitReasons = {};
	const problem = visitDateProblem(input.date, input.status, { ...pairing, ended: pairing.ended ?? undefined }, today);
	if (problem) {
		fields.push('date');
		reasons.date = problem;
	}
	if (!schoolsOfPairing.includes(input.host)) fields.push('host');
	if (!schoolsOfPairing.includes(input.visitor) || input.visitor === input.host) fields.push('visitor');
	return { fields, reasons };
}

/**
 * [B8] Tells every board open on the plan that its visits changed: a counter in the
 * `pairings:<planId>` room, written through the live rooms' own path (stored, then broadcast).
 * Plans are sharded by id, so this instance holds the room. A failure only delays the boards
 * (they re-read on their next load); the visit itself is already stored.
 */
export async function announceVisitChange(planId: string, userId: string): Promise<void> {
	try {
		await applyToRoom({ kind: 'pairings', planId }, userId, bumpVisitsVersion);
	} catch (e) {
		console.warn(`visits: could not signal the pairings room of plan ${planId}:`, (e as Error).message);
	}
}

export type LogVisitResult =
	| { ok: true; visit: Visit; replayed: boolean }
	| { ok: false; status: 400; fields: string[]; reasons?: VisitReasons }
	| { ok: false; status: 403 }
	| { ok: false; status: 422; error: 'idempotency_key_reused' };

async function findByKey(db: Db, userId: string, key: string) {
	const [row] = await db
		.select({ ...visitColumns, planId: visits.planId })
		.from(visits)
		.where(and(eq(visits.createdBy, userId), eq(visits.idempotencyKey, key)))
		.limit(1);
	return row ? shown(row) : null;
}

/**
 * Logs a visit once per (user, Idempotency-Key). A repeat returns the first visit; two racing
 * requests with one key both end on the row the unique index let through.
 */
export async function logVisit(
	db: Db,
	opts: { planId: string; userId: string; member: PlanMember; key: string; input: VisitInput; today?: string }
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

	const pairing = await getPairing(db, planId, input.pairingId);
	if (!pairing) return { ok: false, status: 400, fields: ['pairingId'] };
	if (!mayLogVisit(member, pairing)) return { ok: false, status: 403 };
	const { fields, reasons } = checkAgainstPairing(input, pairing, opts.today ?? todayInShanghai());
	if (fields.length > 0) return { ok: false, status: 400, fields, reasons };

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
			participantNames: input.participantNames,
			hours: input.hours,
			status: input.status,
			createdBy: userId,
			idempotencyKey: key
		})
		.onConflictDoNothing({ target: [visits.createdBy, visits.idempotencyKey] });
	const stored = await replay();
	if (!stored || !stored.ok) return stored ?? { ok: false, status: 400, fields: ['body'] };
	const replayed = stored.visit.id !== id;
	if (!replayed) await announceVisitChange(planId, userId);
	return { ...stored, replayed };
}

const FIELD_ORDER = ['pairingId', 'date', 'host', 'visitor', 'kind', 'participants', 'topic', 'summary', 'participantNames', 'hours', 'status'];

/**
 * [H8] A body whose shape is wrong elsewhere still has its date judged against the pairing
 * ([V1], [V2]), so one 400 names every bad field (a date tomorrow and 0 participants, say).
 */
export async function withDateProblem(
	db: Db,
	planId: string,
	raw: unknown,
	fields: string[],
	today: string = todayInShanghai()
): Promise<{ fields: string[]; reasons: VisitReasons }> {
	const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	if (fields.includes('date') || fields.includes('pairingId') || !isIsoDate(o.date) || !isId(o.pairingId)) {
		return { fields, reasons: {} };
	}
	const pairing = await getPairing(db, planId, o.pairingId);
	const status = o.status === 'planned' ? 'planned' : 'logged';
	const problem = pairing && visitDateProblem(o.date, status, { ...pairing, ended: pairing.ended ?? undefined }, today);
	if (!problem) return { fields, reasons: {} };
	const all = [...fields, 'date'].sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
	return { fields: all, reasons: { date: problem } };
}

/** Fields a PATCH may change (not the pairing, not the confirmation). */
const EDITABLE = ['date', 'host', 'visitor', 'kind', 'participants', 'participantNames', 'topic', 'summary', 'hours', 'status'] as const;

export type UpdateVisitResult =
	| { ok: true; visit: Visit }
	| { ok: false; status: 400; fields: string[]; reasons?: VisitReasons }
	| { ok: false; status: 403 | 404 };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * [V5][V6] Edits a visit: its author until it is confirmed, admins and leaders always. The
 * result is validated as a whole ([H8], [V1], [V2]); a planned visit is logged as done by setting
 * `status: "logged"` (its date then may not be in the future). Every change leaves a revision
 * with the old and new value of each changed field.
 */
export async function updateVisit(
	db: Db,
	opts: { planId: string; visitId: string; userId: string; member: PlanMember; patch: unknown; today?: string }
): Promise<UpdateVisitResult> {
	const { planId, visitId, userId, member } = opts;
	const visit = await getVisit(db, planId, visitId);
	if (!visit) return { ok: false, status: 404 };
	const pairing = await getPairing(db, planId, visit.pairingId);
	if (!pairing || !maySeePairing(member, pairing)) return { ok: false, status: 404 };
	const manages = member.role === 'admin' || member.role === 'leader';
	if (!mayEditVisit({ userId, manages }, visit)) return { ok: false, status: 403 };
	const patch = opts.patch;
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return { ok: false, status: 400, fields: ['body'] };
	const unknown = Object.keys(patch).filter((k) => !(EDITABLE as readonly string[]).includes(k));
	if (unknown.length) return { ok: false, status: 400, fields: unknown };
	const p = patch as Record<string, unknown>;
	if (p.status !== undefined && visit.status === 'confirmed') return { ok: false, status: 400, fields: ['status'] };
	const { id: _id, status, createdBy: _c, confirmedBy: _b, ...current } = visit;
	const merged = parseVisitInput({ ...current, status: status === 'confirmed' ? 'logged' : status, ...p });
	if (!merged.ok) return { ok: false, status: 400, fields: merged.fields };
	const next = { ...merged.value, status: status === 'confirmed' ? ('confirmed' as const) : merged.value.status };
	const { fields, reasons } = checkAgainstPairing(next, pairing, opts.today ?? todayInShanghai());
	if (fields.length > 0) return { ok: false, status: 400, fields, reasons };

	const changes: Record<string, { from: unknown; to: unknown }> = {};
	for (const f of EDITABLE) {
		const before = f === 'status' ? visit.status : visit[f];
		const after = next[f];
		if (!same(before, after)) changes[f] = { from: before, to: after };
	}
	const updated: Visit = { ...visit, ...next };
	if (Object.keys(changes).length === 0) return { ok: true, visit: updated };
	const now = Date.now();
	await db.batch([
		db
			.update(visits)
			.set({
				date: next.date,
				hostId: next.host,
				visitorId: next.visitor,
				kind: next.kind,
				participants: next.participants,
				participantNames: next.participantNames,
				topic: next.topic,
				summary: next.summary,
				hours: next.hours,
				status: next.status,
				updatedAt: now
			})
			.where(and(eq(visits.planId, planId), eq(visits.id, visitId))),
		db.insert(visitRevisions).values({ visitId, userId, at: now, action: 'edit', statusBefore: visit.status, changes })
	]);
	await announceVisitChange(planId, userId);
	return { ok: true, visit: updated };
}

/** [V6] A visit's revisions, oldest first; null when the member may not see the visit. */
export async function listVisitRevisions(
	db: Db,
	opts: { planId: string; visitId: string; member: PlanMember }
): Promise<VisitRevision[] | null> {
	const visit = await getVisit(db, opts.planId, opts.visitId);
	if (!visit) return null;
	const pairing = await getPairing(db, opts.planId, visit.pairingId);
	if (!pairing || !maySeePairing(opts.member, pairing)) return null;
	return db
		.select({
			id: visitRevisions.id,
			userId: visitRevisions.userId,
			at: visitRevisions.at,
			action: visitRevisions.action,
			statusBefore: visitRevisions.statusBefore,
			changes: visitRevisions.changes
		})
		.from(visitRevisions)
		.where(eq(visitRevisions.visitId, opts.visitId))
		.orderBy(asc(visitRevisions.id));
}

export async function confirmVisit(
	db: Db,
	opts: { planId: string; visitId: string; userId: string; member: PlanMember }
): Promise<{ ok: true; visit: Visit } | { ok: false; status: 403 | 404 | 409 }> {
	const visit = await getVisit(db, opts.planId, opts.visitId);
	if (!visit) return { ok: false, status: 404 };
	if (!mayConfirmVisit(opts.member, visit)) return { ok: false, status: 403 };
	// Confirming twice is a no-op; a planned visit is first logged as done ([V4]).
	if (visit.status === 'confirmed') return { ok: true, visit };
	if (!mayBeConfirmed(visit)) return { ok: false, status: 409 };
	const now = Date.now();
	await db.batch([
		db
			.update(visits)
			.set({ status: 'confirmed', confirmedBy: opts.userId, updatedAt: now })
			.where(and(eq(visits.planId, opts.planId), eq(visits.id, opts.visitId))),
		db.insert(visitRevisions).values({
			visitId: opts.visitId,
			userId: opts.userId,
			at: now,
			action: 'confirm',
			statusBefore: visit.status,
			changes: { status: { from: visit.status, to: 'confirmed' } }
		})
	]);
	await announceVisitChange(opts.planId, opts.userId);
	return { ok: true, visit: { ...visit, status: 'confirmed', confirmedBy: opts.userId } };
}
