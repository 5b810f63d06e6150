/**
 * What a room never written before starts with, for kinds whose data existed in SQL before it
 * moved into a live document: pairings were relational rows (written by the demo and by earlier
 * versions) and become the `pairings:<planId>` room's content the first time that room loads.
 */
import { asc, eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db } from '../db/index';
import { pairings } from '../db/schema';
import { pairingsCollection } from '../../shared/plan/doc';
import { PAIRING_MODES, type PairingMode } from '../../shared/plan/types';
import type { Room } from '../../shared/sync/protocol';

/** A change that fills an empty document of `room`, or `null` when it starts empty. */
export async function initialChange(db: Db, room: Room): Promise<((doc: Y.Doc) => void) | null> {
	if (room.kind !== 'pairings') return null;
	const rows = await db.select().from(pairings).where(eq(pairings.planId, room.planId)).orderBy(asc(pairings.id));
	if (rows.length === 0) return null;
	return (doc) => {
		for (const r of rows) {
			pairingsCollection.create(doc, {
				id: r.id,
				strong: r.strongId,
				weak: r.weakId,
				modes: (Array.isArray(r.modes) ? r.modes : []).filter((m): m is PairingMode =>
					PAIRING_MODES.includes(m as PairingMode)
				),
				start: r.start,
				end: r.end,
				target: r.target,
				...(r.ended ? { ended: r.ended } : {})
			});
		}
	};
}
