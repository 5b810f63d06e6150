/**
 * The cross-field rules of an exchange visit ([V1]–[V5] in tests/SPEC.md), shared by the visit
 * form (to say what is wrong before sending) and the server (which decides).
 */
import type { IsoDate, Pairing, VisitKind, VisitStatus } from '../plan/types';

/** An exchange visit as the API returns it (`GET /api/plans/:planId/visits`). */
export interface VisitRecord {
	id: string;
	pairingId: string;
	date: IsoDate;
	host: string;
	visitor: string;
	kind: VisitKind;
	participants: number;
	/** Names of the participants (the count is `participants`). */
	participantNames: string[];
	/** The subject (主题). */
	topic: string;
	summary: string;
	/** Duration in hours, or null. */
	hours: number | null;
	status: VisitStatus;
	/** The author's user id ([V5]: they edit it until it is confirmed). */
	createdBy: string;
	confirmedBy: string | null;
}

export type VisitDateProblem = 'future' | 'before_pairing' | 'after_pairing';

/**
 * [V1] A visit that took place (`logged`, `confirmed`) is not dated after today; a `planned` one
 * may be. [V2] Every visit lies inside its pairing's dates: from its start to its end, or to the
 * day it ended when it was ended early.
 */
export function visitDateProblem(
	date: IsoDate,
	status: VisitStatus,
	pairing: Pick<Pairing, 'start' | 'end' | 'ended'>,
	today: IsoDate
): VisitDateProblem | null {
	if (date < pairing.start) return 'before_pairing';
	const last = pairing.ended && pairing.ended < pairing.end ? pairing.ended : pairing.end;
	if (date > last) return 'after_pairing';
	if (status !== 'planned' && date > today) return 'future';
	return null;
}

/** Who may change a visit, per [V5]. */
export interface VisitEditor {
	userId: string;
	/** Admin or leader of the plan. */
	manages: boolean;
}

/**
 * [V5] The author edits their visit until it is confirmed; admins and leaders edit any visit,
 * also after confirmation (every such change leaves a revision). Nobody else edits.
 */
export function mayEditVisit(editor: VisitEditor, visit: { createdBy: string; status: VisitStatus }): boolean {
	if (editor.manages) return true;
	return editor.userId === visit.createdBy && visit.status !== 'confirmed';
}

/** [V4] Only a visit that took place can be confirmed: a planned one is first logged as done. */
export function mayBeConfirmed(visit: { status: VisitStatus }): boolean {
	return visit.status === 'logged';
}

/** [V6] One entry of a visit's revision trail. */
export interface VisitRevision {
	id: number;
	userId: string | null;
	/** Milliseconds since the epoch. */
	at: number;
	action: 'edit' | 'confirm';
	/** The status before the change: `confirmed` marks a change after confirmation. */
	statusBefore: VisitStatus;
	/** Field → its old and new value. */
	changes: Record<string, { from: unknown; to: unknown }>;
}
