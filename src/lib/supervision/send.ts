/**
 * Sending a supervision write from the browser the way a phone on a weak connection needs: one
 * Idempotency-Key per intended write, kept until it succeeds, so pressing again after a lost
 * answer repeats the same write instead of making a second one; failures are worded by the
 * shared rule ([C3]).
 */
import * as m from '$lib/paraglide/messages';
import { caught, failureMessage, httpFailure, type Wording } from '$lib/components/failure';

/** A lost answer is safe to resend here: the wording says so (the shared rule words the rest, [C3]). */
const WORDING: Wording = { offline: m.sv_error_offline };

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
	name: m.un_name,
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

export async function sendJson<T>(url: string, method: 'POST' | 'PUT' | 'PATCH', body: unknown, key?: WriteKey): Promise<Sent<T>> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key.value } : {}) },
			body: JSON.stringify(body)
		});
	} catch (e) {
		return { ok: false, message: failureMessage(caught(e), WORDING) };
	}
	if (res.ok) {
		key?.done();
		return { ok: true, value: (await res.json()) as T };
	}
	const failure = await httpFailure(res);
	const fields = (failure.body as { fields?: unknown } | undefined)?.fields;
	const named = Array.isArray(fields) ? fields.map((f) => FIELD_LABELS[String(f)]?.() ?? String(f)).join('、') : '';
	return { ok: false, message: failureMessage(failure, { ...WORDING, ...(named ? { invalid: () => m.sv_error_fields({ fields: named }) } : {}) }) };
}
