/**
 * The pairings projection as the API and the attention list read it: each pairing with its
 * health ([B5], [B6]) computed from the confirmed visits in SQL and the leaders' silence
 * threshold (projected from the `pairings:<planId>` room's settings).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { pairingSettings, pairings, visits } from '../db/schema';
import { DEFAULT_SILENT_WEEKS } from '../../shared/sync/kinds/pairings';
import { pairingHealth } from '../../shared/pairing/health';
import { todayInShanghai } from '../../shared/plan/dates';
import { knownSemesters } from './plan-calendar';
import type { IsoDate, VisitKind, VisitStatus } from '../../shared/plan/types';

export interface PairingView {
	id: string;
	strong: string;
	weak: string;
	modes: string[];
	start: IsoDate;
	end: IsoDate;
	/** Confirmed visits per semester the pairing aims for. */
	target: number;
	ended: IsoDate | null;
	confirmedThisSemester: number;
	lastConfirmedVisit: IsoDate | null;
	silent: boolean;
}

/** [B6] The plan's silence threshold in weeks (the default until leaders set one). */
export async function silentWeeksOf(db: Db, planId: string): Promise<number> {
	const [row] = await db
		.select({ weeks: pairingSettings.silentWeeks })
		.from(pairingSettings)
		.where(eq(pairingSettings.planId, planId))
		.limit(1);
	return row?.weeks ?? DEFAULT_SILENT_WEEKS;
}

/** Every pairing of the plan with its health on `today` (China time by default), by start. */
export async function listPairings(db: Db, planId: string, today: IsoDate = todayInShanghai()): Promise<PairingView[]> {
	const [rows, confirmed, weeks, semesters] = await Promise.all([
		db
			.select()
			.from(pairings)
			.where(eq(pairings.planId, planId))
			.orderBy(asc(pairings.start), asc(pairings.id)),
		db
			.select({ pairingId: visits.pairingId, date: visits.date, status: visits.status })
			.from(visits)
			.where(and(eq(visits.planId, planId), eq(visits.status, 'confirmed'))),
		silentWeeksOf(db, planId),
		knownSemesters(db, planId, today)
	]);
	return rows.map((r) => {
		const pairing = { id: r.id, start: r.start, end: r.end, target: r.target, ended: r.ended ?? undefined };
		const h = pairingHealth(pairing, confirmed, today, weeks, semesters);
		return {
			id: r.id,
			strong: r.strongId,
			weak: r.weakId,
			modes: Array.isArray(r.modes) ? r.modes : [],
			start: r.start,
			end: r.end,
			target: r.target,
			ended: r.ended ?? null,
			confirmedThisSemester: h.confirmedThisSemester,
			lastConfirmedVisit: h.lastConfirmedVisit,
			silent: h.silent
		};
	});
}

/**
 * [B6] The plan's silent pairings on `today`: running, and no confirmed visit for the leaders'
 * N weeks. For the leaders' attention list (`GET /api/me/attention`).
 */
export async function silentPairings(db: Db, planId: string, today: IsoDate = todayInShanghai()): Promise<PairingView[]> {
	return (await listPairings(db, planId, today)).filter((p) => p.silent);
}

export interface VisitTally {
	pairingId: string;
	date: IsoDate;
	status: VisitStatus;
	kind: VisitKind;
}

/**
 * Date, kind and status of every visit of the plan, without their content: what the board's
 * health figures and charts count for every member (`GET …/pairings` publishes the same counts),
 * while the visits themselves stay visible per [H15].
 */
export async function visitTallies(db: Db, planId: string): Promise<VisitTally[]> {
	return db
		.select({ pairingId: visits.pairingId, date: visits.date, status: visits.status, kind: visits.kind })
		.from(visits)
		.where(eq(visits.planId, planId))
		.orderBy(asc(visits.date));
}
