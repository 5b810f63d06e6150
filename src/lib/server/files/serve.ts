/** Serving a stored evidence file to members of its plan (SvelteKit routes only: it throws their errors). */
import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { getDb } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
import { requirePlanMember } from '$lib/server/services/api-access';
import { uploadConfig } from '$lib/server/files/config';
import { filePath, getFile, thumbPath } from '$lib/server/files/store';

/** The file row and the caller's membership; 404 for an unknown file, as for a non-member's. */
export async function memberFile(user: SessionUser | null, fileId: string) {
	const db = await getDb();
	if (!user) error(401, 'unauthorized');
	const row = await getFile(db, fileId);
	if (!row) error(404, 'not_found');
	const { member } = await requirePlanMember(db, user, row.planId);
	return { db, row, member };
}

export async function serveFile(user: SessionUser | null, fileId: string, thumb: boolean): Promise<Response> {
	const { row } = await memberFile(user, fileId);
	if (thumb && !row.hasThumb) error(404, 'not_found');
	const cfg = uploadConfig();
	let bytes: Buffer;
	try {
		bytes = await readFile(thumb ? thumbPath(cfg, row.planId, row.id) : filePath(cfg, row.planId, row.id));
	} catch {
		error(404, 'not_found');
	}
	const image = row.type.startsWith('image/');
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': thumb ? 'image/jpeg' : row.type,
			'content-length': String(bytes.byteLength),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, max-age=3600',
			'content-disposition': `${image ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.name)}`
		}
	});
}
