/**
 * Storing evidence files: type from the content, size bounded, images re-encoded (orientation
 * applied, metadata such as EXIF location dropped, bounded size) with a thumbnail, bytes written
 * atomically (a temporary file, fsync, rename) before the row that makes them visible, so a crash
 * mid-upload leaves nothing half-kept. A retried upload (same Idempotency-Key, or the same bytes
 * for the same target by the same user) returns the first file instead of storing twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import sharp from 'sharp';
import type { Db } from '../db/index';
import { files } from '../db/schema';
import type { UploadConfig } from './config';
import { detectType } from './detect';

export interface EvidenceTarget {
	schoolId?: string;
	milestoneId?: string;
	visitId?: string;
	indicatorId?: string;
}

export interface FileView {
	id: string;
	name: string;
	size: number;
	type: string;
}

export type StoreOutcome =
	| { ok: true; file: FileView; created: boolean }
	| { ok: false; status: 413 | 415; error: 'too_large' | 'type_not_allowed' | 'unreadable_image' };

/** Longest side of a stored photo: plenty for evidence, small on a rural connection. */
const MAX_SIDE = 2560;
const THUMB_SIDE = 320;

type FileRow = typeof files.$inferSelect;
const view = (r: FileRow): FileView => ({ id: r.id, name: r.name, size: r.size, type: r.type });

/** A display name from the client's file name: no path, no control characters, bounded. */
export function cleanName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
	return clean || 'file';
}

export const filePath = (cfg: UploadConfig, planId: string, id: string) => join(cfg.dir, planId, id);
export const thumbPath = (cfg: UploadConfig, planId: string, id: string) => join(cfg.dir, planId, `${id}.thumb.jpg`);

/** Writes `bytes` to `path` via a temporary file in the same folder tree, durable before rename. */
async function writeAtomically(cfg: UploadConfig, path: string, bytes: Uint8Array): Promise<void> {
	const tmpDir = join(cfg.dir, '.tmp');
	await mkdir(tmpDir, { recursive: true });
	await mkdir(join(path, '..'), { recursive: true });
	const tmp = join(tmpDir, randomUUID());
	const handle = await open(tmp, 'wx');
	try {
		await handle.writeFile(bytes);
		await handle.sync();
	} finally {
		await handle.close();
	}
	await rename(tmp, path);
}

/** Re-encodes an image: orientation applied, metadata dropped, at most `MAX_SIDE` px a side. */
async function reencode(bytes: Uint8Array, ext: string): Promise<{ bytes: Uint8Array; thumb: Uint8Array }> {
	const base = sharp(bytes, { failOn: 'error' }).rotate();
	const resized = base.clone().resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true });
	const out = ext === 'png' ? resized.png() : ext === 'webp' ? resized.webp({ quality: 85 }) : resized.jpeg({ quality: 85 });
	const thumb = base.clone().resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside' }).jpeg({ quality: 75 });
	return { bytes: await out.toBuffer(), thumb: await thumb.toBuffer() };
}

function targetWhere(target: EvidenceTarget): SQL[] {
	const col = (v: string | undefined, c: SQLiteColumn) => (v ? eq(c, v) : isNull(c));
	return [
		col(target.schoolId, files.schoolId),
		col(target.milestoneId, files.milestoneId),
		col(target.visitId, files.visitId),
		col(target.indicatorId, files.indicatorId)
	];
}

/** The file a user uploaded earlier under an Idempotency-Key. */
async function byKey(db: Db, ownerId: string, key: string): Promise<FileRow | undefined> {
	const [row] = await db.select().from(files).where(and(eq(files.ownerId, ownerId), eq(files.idempotencyKey, key)));
	return row;
}

export async function storeEvidence(
	db: Db,
	cfg: UploadConfig,
	input: {
		planId: string;
		ownerId: string;
		target: EvidenceTarget;
		name: string;
		bytes: Uint8Array;
		idempotencyKey?: string | null;
	}
): Promise<StoreOutcome> {
	const { planId, ownerId, target, idempotencyKey } = input;
	if (input.bytes.byteLength > cfg.maxBytes) return { ok: false, status: 413, error: 'too_large' };
	const type = await detectType(input.bytes);
	if (!type) return { ok: false, status: 415, error: 'type_not_allowed' };

	if (idempotencyKey) {
		const again = await byKey(db, ownerId, idempotencyKey);
		if (again) return { ok: true, file: view(again), created: false };
	}
	const sha256 = createHash('sha256').update(input.bytes).digest('hex');
	const [same] = await db
		.select()
		.from(files)
		.where(and(eq(files.planId, planId), eq(files.ownerId, ownerId), eq(files.sha256, sha256), ...targetWhere(target)));
	if (same) return { ok: true, file: view(same), created: false };

	let bytes = input.bytes;
	let thumb: Uint8Array | null = null;
	if (type.image) {
		try {
			({ bytes, thumb } = await reencode(input.bytes, type.ext));
		} catch {
			// This build of libvips has no HEVC decoder: a HEIC photo is kept as it came.
			if (type.ext !== 'heic') return { ok: false, status: 415, error: 'unreadable_image' };
		}
	}

	const id = randomUUID();
	const path = filePath(cfg, planId, id);
	await writeAtomically(cfg, path, bytes);
	if (thumb) await writeAtomically(cfg, thumbPath(cfg, planId, id), thumb);
	const row = {
		id,
		planId,
		ownerId,
		schoolId: target.schoolId ?? null,
		milestoneId: target.milestoneId ?? null,
		visitId: target.visitId ?? null,
		indicatorId: target.indicatorId ?? null,
		name: cleanName(input.name),
		size: bytes.byteLength,
		type: type.mime,
		sha256,
		hasThumb: thumb !== null,
		idempotencyKey: idempotencyKey || null
	};
	try {
		await db.insert(files).values(row);
	} catch (err) {
		await removeStored(cfg, planId, id);
		// Two retries racing with one key: the other one stored it.
		if (idempotencyKey) {
			const again = await byKey(db, ownerId, idempotencyKey);
			if (again) return { ok: true, file: view(again), created: false };
		}
		throw err;
	}
	return { ok: true, file: view({ ...row, createdAt: Date.now() }), created: true };
}

export async function removeStored(cfg: UploadConfig, planId: string, id: string): Promise<void> {
	await rm(filePath(cfg, planId, id), { force: true });
	await rm(thumbPath(cfg, planId, id), { force: true });
}

export async function getFile(db: Db, id: string): Promise<FileRow | null> {
	const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
	return row ?? null;
}

export async function listFiles(db: Db, planId: string, target: EvidenceTarget): Promise<FileView[]> {
	const rows = await db
		.select()
		.from(files)
		.where(and(eq(files.planId, planId), ...targetWhere(target)))
		.orderBy(files.createdAt);
	return rows.map(view);
}

export async function deleteFile(db: Db, cfg: UploadConfig, row: FileRow): Promise<void> {
	await db.delete(files).where(eq(files.id, row.id));
	await removeStored(cfg, row.planId, row.id);
}

/** Leftovers of uploads a crash interrupted: temporary files are never referenced by a row. */
export async function sweepTemporary(cfg: UploadConfig): Promise<number> {
	const dir = join(cfg.dir, '.tmp');
	let names: string[] = [];
	try {
		names = await readdir(dir);
	} catch {
		return 0;
	}
	await Promise.all(names.map((n) => rm(join(dir, n), { force: true })));
	return names.length;
}
