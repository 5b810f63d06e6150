/**
 * Who may attach evidence to what (contract v2: whoever may write the thing it attaches to):
 * a school's milestone → whoever writes that school's room; a visit → whoever may log visits for
 * its pairing; an indicator's measurement → admins, leaders and coordinators.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { pairings, schools, visits } from '../db/schema';
import { mayLogVisit } from '../services/visits';
import { roomAccess, type PlanMember } from '../../shared/sync/access';
import { isRecordId } from '../../shared/sync/schema';
import type { EvidenceTarget } from './store';

export type TargetCheck =
	| { ok: true; target: EvidenceTarget }
	| { ok: false; status: 400; fields: string[] }
	| { ok: false; status: 403 | 404 };

/** Reads the target fields of an upload form: exactly one kind of target, ids well formed. */
export function parseTarget(form: { get(name: string): unknown }): { ok: true; target: EvidenceTarget } | { ok: false; fields: string[] } {
	const get = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' && v !== '' ? v : undefined;
	};
	const target: EvidenceTarget = {
		schoolId: get('schoolId'),
		milestoneId: get('milestoneId'),
		visitId: get('visitId'),
		indicatorId: get('indicatorId')
	};
	const bad = Object.entries(target)
		.filter(([, v]) => v !== undefined && !isRecordId(v))
		.map(([k]) => k);
	if (bad.length) return { ok: false, fields: bad };
	const milestone = target.schoolId !== undefined || target.milestoneId !== undefined;
	if (milestone && (target.schoolId === undefined || target.milestoneId === undefined)) {
		return { ok: false, fields: [target.schoolId === undefined ? 'schoolId' : 'milestoneId'] };
	}
	const kinds = [milestone, target.visitId !== undefined, target.indicatorId !== undefined].filter(Boolean).length;
	if (kinds !== 1) return { ok: false, fields: ['target'] };
	return { ok: true, target };
}

export async function mayAttach(db: Db, planId: string, member: PlanMember, target: EvidenceTarget): Promise<TargetCheck> {
	if (target.schoolId) {
		const [school] = await db
			.select({ id: schools.id })
			.from(schools)
			.where(and(eq(schools.id, target.schoolId), eq(schools.planId, planId)));
		if (!school) return { ok: false, status: 404 };
		const access = roomAccess(member, { kind: 'school', planId, schoolId: target.schoolId });
		return access === 'write' ? { ok: true, target } : { ok: false, status: 403 };
	}
	if (target.visitId) {
		const [visit] = await db
			.select({ strongId: pairings.strongId, weakId: pairings.weakId })
			.from(visits)
			.innerJoin(pairings, eq(pairings.id, visits.pairingId))
			.where(and(eq(visits.id, target.visitId), eq(visits.planId, planId)));
		if (!visit) return { ok: false, status: 404 };
		return mayLogVisit(member, visit) ? { ok: true, target } : { ok: false, status: 403 };
	}
	const writes = member.role === 'admin' || member.role === 'leader' || member.role === 'coordinator';
	return writes ? { ok: true, target } : { ok: false, status: 403 };
}

/** The uploader, an admin or a leader of the plan may delete a file. */
export function mayDelete(member: PlanMember, userId: string, file: { ownerId: string | null }): boolean {
	return member.role === 'admin' || member.role === 'leader' || (file.ownerId !== null && file.ownerId === userId);
}
