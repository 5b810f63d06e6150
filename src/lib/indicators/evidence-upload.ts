/**
 * [I7] The evidence file of one measurement fill: uploaded first (`POST …/files` with the
 * indicator as target) under its own Idempotency-Key, so a resend after a lost answer returns the
 * same file; once stored, the same file is not sent again for this fill (a failed measurement POST
 * resends with the stored id). Failures are worded by the shared rule ([C3]).
 */
import * as m from '$lib/paraglide/messages';
import { caught, failureMessage, httpFailure } from '$lib/components/failure';
import { WriteKey, type Sent } from '$lib/supervision/send';

export class EvidenceUpload {
	#key = new WriteKey();
	#stored: { file: File; id: string } | null = null;

	constructor(
		private readonly planId: string,
		private readonly indicatorId: string
	) {}

	/** The file's id: the stored one for the same file, else a fresh upload. */
	async send(file: File): Promise<Sent<string>> {
		if (this.#stored?.file === file) return { ok: true, value: this.#stored.id };
		const body = new FormData();
		body.set('file', file);
		body.set('indicatorId', this.indicatorId);
		let res: Response;
		try {
			res = await fetch(`/api/plans/${encodeURIComponent(this.planId)}/files`, { method: 'POST', headers: { 'idempotency-key': this.#key.value }, body });
		} catch (e) {
			return { ok: false, message: failureMessage(caught(e), { offline: m.sv_error_offline }) };
		}
		if (!res.ok) return { ok: false, message: failureMessage(await httpFailure(res), { offline: m.sv_error_offline }) };
		const { id } = (await res.json()) as { id: string };
		this.#key.done();
		this.#stored = { file, id };
		return { ok: true, value: id };
	}

	/** The measurement is stored: the next fill's file is a new upload. */
	reset(): void {
		this.#stored = null;
	}
}
