/**
 * Sending a supervision write from the browser the way a phone on a weak connection needs: one
 * Idempotency-Key per intended write, kept until it succeeds, so pressing again after a lost
 * answer repeats the same write instead of making a second one; failures become one sentence.
 */
import * as m from '$lib/paraglide/messages';

export type Sent<T> = { ok: true; value: T } | { ok: false; message: string };

const FIELD_LABELS: Record<string, () => string> = {
	progress: m.sv_field_progress,
	problems: m.sv_field_problems,
	nextSteps: m.sv_field_next,
	message: m.sv_issue_message,
	replyBy: m.sv_issue_reply_by,
	text: m.sv_notice_reply_label,
	cadence: m.sv_cadence,
	dueWeekday: m.sv_due_weekday,
	anchor: m.sv_anchor,
	units: m.sv_who_units,
	schools: m.sv_who_schools
};

/** One write's key: the same until `done()`, then a fresh one for the next write. */
export class WriteKey {
	#key = crypto.randomUUID();
	get value(): string {
		return this.#key;
	}
	done(): void {
		this.#key = crypto.randomUUID();
	}
}

export async function sendJson<T>(url: string, method: 'POST' | 'PUT', body: unknown, key?: WriteKey): Promise<Sent<T>> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key.value } : {}) },
			body: JSON.stringify(body)
		});
	} catch {
		return { ok: false, message: m.sv_error_offline() };
	}
	if (res.ok) {
		key?.done();
		return { ok: true, value: (await res.json()) as T };
	}
	if (res.status === 403) return { ok: false, message: m.sv_error_forbidden() };
	if (res.status === 409) return { ok: false, message: m.sv_error_conflict() };
	if (res.status === 400) {
		const fields: string[] = ((await res.json().catch(() => ({}))) as { fields?: string[] }).fields ?? [];
		return { ok: false, message: m.sv_error_fields({ fields: fields.map((f) => FIELD_LABELS[f]?.() ?? f).join('、') }) };
	}
	return { ok: false, message: m.sv_error_other({ status: String(res.status) }) };
}
