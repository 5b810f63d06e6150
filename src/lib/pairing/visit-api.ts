/**
 * The board's calls to the visits API. Errors are values: a refused visit names its fields
 * (with the reason for a bad date), a dropped connection is `status: 0` so the form keeps its
 * Idempotency-Key and a retry can never make a second visit.
 */
import type { VisitDateProblem, VisitRecord, VisitRevision } from '$lib/shared/pairing/visits';

export type ApiResult<T> =
	| { ok: true; value: T }
	| { ok: false; status: number; fields: string[]; reasons: { date?: VisitDateProblem }; error: string };

/** One API call; a refusal or a dropped connection (`status: 0`) is a value, never an exception. */
export async function call<T>(url: string, init: RequestInit): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetch(url, init);
	} catch {
		return { ok: false, status: 0, fields: [], reasons: {}, error: 'network' };
	}
	const body = await res.json().catch(() => ({}));
	if (res.ok) return { ok: true, value: body as T };
	return {
		ok: false,
		status: res.status,
		fields: Array.isArray(body.fields) ? body.fields : [],
		reasons: body.reasons ?? {},
		error: typeof body.error === 'string' ? body.error : String(res.status)
	};
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method,
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify(body)
});

const base = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/visits`;

/** A fresh Idempotency-Key for one visit the user is about to log. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

export function postVisit(planId: string, body: Record<string, unknown>, key: string) {
	return call<VisitRecord>(base(planId), json('POST', body, { 'idempotency-key': key }));
}

export function patchVisit(planId: string, visitId: string, patch: Record<string, unknown>) {
	return call<VisitRecord>(`${base(planId)}/${encodeURIComponent(visitId)}`, json('PATCH', patch));
}

export function confirmVisit(planId: string, visitId: string) {
	return call<VisitRecord>(`${base(planId)}/${encodeURIComponent(visitId)}/confirm`, { method: 'POST' });
}

export function fetchRevisions(planId: string, visitId: string) {
	return call<VisitRevision[]>(`${base(planId)}/${encodeURIComponent(visitId)}/revisions`, { method: 'GET' });
}

export interface UploadedFile {
	id: string;
	name: string;
	size: number;
	type: string;
}

/** Evidence of a visit (contract v2 files): multipart `file` + `visitId`. */
export function uploadEvidence(planId: string, visitId: string, file: File) {
	const form = new FormData();
	form.append('file', file);
	form.append('visitId', visitId);
	return call<UploadedFile>(`/api/plans/${encodeURIComponent(planId)}/files`, { method: 'POST', body: form });
}

/** Splits typed names on commas (either width), 、, semicolons or new lines. */
export function splitNames(text: string): string[] {
	return text
		.split(/[,，、;；\n]+/)
		.map((n) => n.trim())
		.filter(Boolean);
}
