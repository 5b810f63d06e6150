/**
 * What a room starts with when it loads, from its kind's declaration ([K2]): the kind's upgrade
 * of older shapes, and for a room never written the kind's initial content (data that lived in
 * SQL before the kind became live). Nothing here names a kind.
 */
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/index';
import { readProjectionRows } from '../../src/lib/server/services/projection';
import { kindOf } from '../../src/lib/shared/sync/kinds/index';
import type { Room } from '../../src/lib/shared/sync/protocol';

/** The kind's upgrade as a change, or `null` when the kind has none. */
export function upgradeChange(room: Room): ((doc: Y.Doc) => void) | null {
	const { upgrade } = kindOf(room);
	return upgrade ? (doc) => void upgrade(doc) : null;
}

/** A change that fills `doc` when it was never written, or `null` when it starts empty. */
export async function initialChange(db: Db, room: Room, doc: Y.Doc): Promise<((doc: Y.Doc) => void) | null> {
	const { initial } = kindOf(room);
	const neverWritten = Y.encodeStateVector(doc).byteLength <= 1;
	if (!initial || !neverWritten) return null;
	return initial(room, readProjectionRows(db));
}
