import { error, json } from '@sveltejs/kit';
import { uploadConfig } from '$lib/server/files/config';
import { mayDelete } from '$lib/server/files/access';
import { deleteFile } from '$lib/server/files/store';
import { memberFile, serveFile } from '$lib/server/files/serve';
import type { RequestHandler } from './$types';

/** The bytes, for any member of the file's plan (images inline, everything else as a download). */
export const GET: RequestHandler = ({ locals, params }) => serveFile(locals.user, params.fileId, false);

/** Deleted by its uploader or a leader (or admin) of the plan. */
export const DELETE: RequestHandler = async ({ locals, params }) => {
	const { db, row, member } = await memberFile(locals.user, params.fileId);
	if (!mayDelete(member, locals.user!.id, row)) error(403, 'forbidden');
	await deleteFile(db, uploadConfig(), row);
	return json({ ok: true });
};
