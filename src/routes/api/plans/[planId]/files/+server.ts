import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePlanMember } from '$lib/server/services/api-access';
import { uploadConfig } from '$lib/server/files/config';
import { mayAttach, parseTarget } from '$lib/server/files/access';
import { listFiles, storeEvidence } from '$lib/server/files/store';
import type { RequestHandler } from './$types';

const ERRORS = {
	too_large: 'file too large',
	type_not_allowed: 'file type not allowed (photos, PDF and Office files only)',
	unreadable_image: 'the image cannot be read'
} as const;

/**
 * Uploads one evidence file (multipart `file` plus its target): 201 `{id,name,size,type}`, the
 * type detected from the content; 413 over `UPLOAD_MAX_BYTES`, 415 for anything that is not a
 * photo, PDF or Office file; 400 naming a bad target field; nothing is kept of a refused file.
 * An `Idempotency-Key` makes a retried upload return the first file (200).
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = await getDb();
	const { member, user } = await requirePlanMember(db, locals.user, params.planId);
	const cfg = uploadConfig();
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > cfg.maxBytes + 64 * 1024) return json({ error: ERRORS.too_large, code: 'too_large' }, { status: 413 });
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return json({ error: 'expected a multipart form', fields: ['body'] }, { status: 400 });
	}
	const parsed = parseTarget(form);
	if (!parsed.ok) return json({ error: 'invalid target', fields: parsed.fields }, { status: 400 });
	const file = form.get('file');
	if (!(file instanceof File)) return json({ error: 'missing file', fields: ['file'] }, { status: 400 });
	const allowed = await mayAttach(db, params.planId, member, parsed.target);
	if (!allowed.ok) {
		if (allowed.status === 400) return json({ error: 'invalid target', fields: allowed.fields }, { status: 400 });
		error(allowed.status, allowed.status === 403 ? 'forbidden' : 'not_found');
	}
	if (file.size > cfg.maxBytes) return json({ error: ERRORS.too_large, code: 'too_large' }, { status: 413 });
	const key = request.headers.get('idempotency-key');
	if (key !== null && (key.length === 0 || key.length > 200)) {
		return json({ error: 'invalid Idempotency-Key', fields: ['idempotency-key'] }, { status: 400 });
	}
	const outcome = await storeEvidence(db, cfg, {
		planId: params.planId,
		ownerId: user.id,
		target: parsed.target,
		name: file.name,
		bytes: new Uint8Array(await file.arrayBuffer()),
		idempotencyKey: key
	});
	if (!outcome.ok) return json({ error: ERRORS[outcome.error], code: outcome.error }, { status: outcome.status });
	return json(outcome.file, { status: outcome.created ? 201 : 200 });
};

/** The files attached to one target (`?schoolId=&milestoneId=` or `?visitId=`), for plan members. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const db = await getDb();
	await requirePlanMember(db, locals.user, params.planId);
	const parsed = parseTarget(url.searchParams);
	if (!parsed.ok) return json({ error: 'invalid target', fields: parsed.fields }, { status: 400 });
	return json(await listFiles(db, params.planId, parsed.target), { headers: { 'cache-control': 'no-store' } });
};
