import { serveFile } from '$lib/server/files/serve';
import type { RequestHandler } from './$types';

/** A small JPEG of an image (orientation applied, no metadata); 404 for other files. */
export const GET: RequestHandler = ({ locals, params }) => serveFile(locals.user, params.fileId, true);
