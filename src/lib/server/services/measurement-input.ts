/**
 * The shape of a measurement as a client sends it (contract v2 `…/indicators/:id/measurements`):
 * bounds, and the parser that names every bad field (errors are values, never exceptions). What
 * the indicator and the plan allow (scope, schools, evidence) is checked by `./indicators`.
 */
import type { BodyParse } from '../http/json-body';
import { isIsoDate } from '../../shared/plan/dates';
import { isRecordId } from '../../shared/sync/schema';

export const MAX_MEASUREMENT_BODY_BYTES = 4 * 1024;
export const MAX_SOURCE = 200;
/** Far beyond any percentage, count or score, small enough to stay exact in a double. */
export const MAX_ABS_VALUE = 1e12;

export interface MeasurementInput {
	value: number;
	date: string;
	/** `null`: a district figure. */
	schoolId: string | null;
	source: string;
	fileId: string | null;
}

export type MeasurementParse = { ok: true; value: MeasurementInput } | { ok: false; fields: string[] };

const absent = (v: unknown) => v === undefined || v === null;

/**
 * [I4] Checks the shape of a POSTed measurement and names every bad field: a `value` that is not
 * a finite number, a `date` that is not a day or is after `today`, ids that are malformed.
 */
export function parseMeasurementInput(raw: unknown, today: string): MeasurementParse {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, fields: ['body'] };
	const o = raw as Record<string, unknown>;
	const fields: string[] = [];
	if (typeof o.value !== 'number' || !Number.isFinite(o.value) || Math.abs(o.value) > MAX_ABS_VALUE) fields.push('value');
	if (!isIsoDate(o.date) || o.date > today) fields.push('date');
	if (!absent(o.schoolId) && !isRecordId(o.schoolId)) fields.push('schoolId');
	const source = absent(o.source) ? '' : o.source;
	if (typeof source !== 'string' || source.trim().length > MAX_SOURCE) fields.push('source');
	if (!absent(o.fileId) && !isRecordId(o.fileId)) fields.push('fileId');
	if (fields.length > 0) return { ok: false, fields };
	return {
		ok: true,
		value: {
			value: o.value as number,
			date: o.date as string,
			schoolId: absent(o.schoolId) ? null : (o.schoolId as string),
			source: (source as string).trim(),
			fileId: absent(o.fileId) ? null : (o.fileId as string)
		}
	};
}

/** `NaN`, `Infinity`, `-Infinity` where JSON has a value (Python's `json.dumps` writes them). */
const NON_FINITE = /([:[,]\s*)-?(?:NaN|Infinity)(?=\s*[,}\]])/g;

/**
 * Parses a bounded request body as JSON. A body that is JSON but for non-finite number literals
 * reads them as `null`, so the 400 names the field holding one rather than the whole body.
 */
export function parseMeasurementBody(text: string): BodyParse {
	if (new TextEncoder().encode(text).length > MAX_MEASUREMENT_BODY_BYTES) return { ok: false, error: 'too_large' };
	for (const candidate of [text, text.replace(NON_FINITE, '$1null')]) {
		try {
			return { ok: true, value: JSON.parse(candidate) };
		} catch {
			// try the next reading
		}
	}
	return { ok: false, error: 'malformed' };
}
