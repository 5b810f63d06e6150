/**
 * When a room's SQL projection runs: debounced after edits (`./projection-scheduler`), once after
 * a load (a crash between storing an update and projecting it must not leave the rows stale until
 * the next edit), and a last time when the room closes. The projection itself is the kind's
 * (`projectDoc`); this keeps what the room last wrote, so unchanged rows are not written again.
 */
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import { projectDoc, type ProjectionMemo } from '../../src/lib/server/services/projection';
import type { Room } from '../../src/lib/shared/sync/protocol';
import type { Log } from '../log';
import type { SyncLimits } from '../sync/limits';
import { ProjectionScheduler } from './projection-scheduler';
import { ChangedRecords } from './changed-records';

/** Records (entries of the top-level maps) from which a document counts as large. */
export const LARGE_DOC_RECORDS = 500;

export class RoomProjection {
	readonly #scheduler: ProjectionScheduler;
	/** What this room last projected (the first projection after a load starts from SQL's rows). */
	readonly #projected: ProjectionMemo = new Map();
	/** The projection a load asks for, until it is due (edits before then schedule their own). */
	#afterLoad: ReturnType<typeof setTimeout> | null = null;
	/** Records changed since the last projection started: the next one reads only those. */
	readonly #changed: ChangedRecords;

	constructor(
		private readonly db: Db,
		private readonly room: Room,
		private readonly doc: Y.Doc,
		private readonly limits: SyncLimits,
		log: Log,
		label: string
	) {
		this.#changed = new ChangedRecords(doc);
		this.#scheduler = new ProjectionScheduler(() => this.#project(), {
			debounceMs: limits.projectDebounceMs,
			maxWaitMs: limits.projectMaxWaitMs,
			log,
			label
		});
	}

	/** Asks for a projection soon (after an edit). */
	schedule(): void {
		this.#scheduler.schedule();
	}

	/**
	 * The projection after a load. Checking a large document's rows against SQL takes a while
	 * (≈140 ms for 5,000 tasks): it waits for the joins that follow a load. A small one is
	 * checked after the usual debounce.
	 */
	loaded(): void {
		if (recordCount(this.doc) < LARGE_DOC_RECORDS) return this.schedule();
		this.#afterLoad = setTimeout(() => {
			this.#afterLoad = null;
			this.schedule();
		}, this.limits.projectLoadDelayMs);
		this.#afterLoad.unref();
	}

	/** Runs what is pending (the load's projection too, [Y17]) and stops. */
	async close(): Promise<void> {
		if (this.#afterLoad) {
			clearTimeout(this.#afterLoad);
			this.#afterLoad = null;
			this.schedule();
		}
		await this.#scheduler.flush();
		this.#scheduler.dispose();
		this.#changed.destroy();
	}

	async #project(): Promise<void> {
		try {
			// Changes from here on belong to the next projection, even those made while this one runs.
			await projectDoc(this.db, this.room, this.doc, this.#projected, this.#changed.take());
		} catch (err) {
			// Whatever reached SQL is unknown now: the next projection starts again from SQL's rows.
			this.#projected.clear();
			throw err;
		}
	}
}

function recordCount(doc: Y.Doc): number {
	let n = 0;
	for (const type of doc.share.values()) if (type instanceof Y.Map) n += type.size;
	return n;
}
