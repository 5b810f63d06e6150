/**
 * Where uploads go and how big they may be, from `UPLOAD_DIR` (default `data/uploads`) and
 * `UPLOAD_MAX_BYTES` (default 20 MiB). A malformed bound fails at start-up, not at the first upload.
 */
import { resolve } from 'node:path';

export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export interface UploadConfig {
	dir: string;
	maxBytes: number;
}

export function uploadConfig(env: NodeJS.ProcessEnv = process.env): UploadConfig {
	const raw = env.UPLOAD_MAX_BYTES;
	const maxBytes = raw === undefined || raw === '' ? DEFAULT_UPLOAD_MAX_BYTES : Number(raw);
	if (!Number.isInteger(maxBytes) || maxBytes < 1) {
		throw new Error(`UPLOAD_MAX_BYTES must be a positive whole number of bytes, got ${JSON.stringify(raw)}`);
	}
	return { dir: resolve(env.UPLOAD_DIR || 'data/uploads'), maxBytes };
}
