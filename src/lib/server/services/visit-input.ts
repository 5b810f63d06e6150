/**
 * The shape of a logged or planned visit as a client sends it: bounds, and the parser that names
 * every bad field (errors are values, never exceptions). What the visit's pairing allows is
 * checked by `./visits`.
 */
import { VISIT_KINDS, type VisitKind, type VisitStatus } from '../../shared/plan/types';
import { isIsoDate } from '../../shared/plan/dates';
import { isRecordId } from '../../shared/sync/schema';
import { boundedJson } from '../http/json-body';
import type { VisitDateProblem, VisitRecord } from '../../shared/pairing/visits';

export const MAX_VISIT_BODY_BYTES = 16 * 1024;
export const MAX_TOPIC = 200;
export const MAX_SUMMARY = 4000;
export const MAX_PARTICIPANTS = 10_000;
export const MAX_NAMES = 200;
export const MAX_NAME = 50;
export const MAX_HOURS = 1000;

export interface VisitInput {
	pairingId: string;
	date: string;
	host: string;
	visitor: string;
	kind: VisitKind;
	participants: number;
	topic: string;
	summary: string;
	/** Names of the participants (the count is `participants`). */
	participantNames: string[];
	/** Duration in hours, or null. */
	hours: number | null;
	/** [V4] `planned` allows a future date; anything else is a visit that took place. */
	status: 'planned' | 'logged';
}

export type Visit = VisitRecord;

export type VisitParse = { ok: true; value: VisitInput } | { ok: false; fields: string[] };

/** Why a field is bad, when there is more to say than its name (the form shows it). */
export type VisitReasons = Partial<Record<'date', VisitDateProblem>>;

const isId = isRecordId;

/** Checks the shape of a POSTed visit; names every field that is wrong. */
export function parseVisitInput(raw: unknown): VisitParse {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { ok: false, fields: ['body'] };
	}
	const o = raw as Record<string, unknown>;
	const fields: string[] = [];
	if (!isId(o.pairingId)) fields.push('pairingId');
	if (!isIsoDate(o.date)) fields.push('date');
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
	const names = o.participantNames === undefined ? [] : o.participantNames;
	if (
		!Array.isArray(names) ||
		names.length > MAX_NAMES ||
		!names.every((n) => typeof n === 'string' && n.trim().length <= MAX_NAME)
	) {
		fields.push('participantNames');
	}
	const hours = o.hours === undefined || o.hours === null || o.hours === '' ? null : o.hours;
	if (hours !== null && (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS)) {
		fields.push('hours');
	}
	const status = o.status === undefined ? 'logged' : o.status;
	if (status !== 'logged' && status !== 'planned') fields.push('status');
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
			summary: (summary as string).trim(),
			participantNames: (names as string[]).map((n) => n.trim()).filter(Boolean),
			hours: hours as number | null,
			status: status as VisitInput['status']
		}
	};
}

/** Parses a request body of bounded size as JSON; errors are values, never exceptions. */
export const parseJsonBody = boundedJson(MAX_VISIT_BODY_BYTES);

