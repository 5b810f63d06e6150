/**
 * The registry of document kinds. Adding a kind is one module (its declaration) listed here, plus
 * its tests; room names, access, the audit and the projection follow from it.
 */
import type { Room } from '../room';
import type { DocKind } from './kind';
import { pairingsKind } from './pairings';
import { planKind } from './plan';
import { schoolKind } from './school';

export type { DocKind, ProjectionRows, ProjectionTable, ReadRows, ReferenceTable, UpsertRule } from './kind';

type KindOf<K extends Room['kind']> = DocKind<Extract<Room, { kind: K }>>;

/** Every document kind by name; the type makes a kind without a declaration a compile error. */
export const DOC_KINDS: { [K in Room['kind']]: KindOf<K> } = {
	plan: planKind,
	school: schoolKind,
	pairings: pairingsKind
};

export function kindOf<R extends Room>(room: R): DocKind<R> {
	return DOC_KINDS[room.kind] as unknown as DocKind<R>;
}

/** Parses a room name; anything that is not exactly one kind's shape is `null`. */
export function parseRoom(name: string): Room | null {
	const [prefix, ...parts] = name.split(':');
	if (!Object.hasOwn(DOC_KINDS, prefix)) return null;
	return DOC_KINDS[prefix as Room['kind']].parse(parts);
}

export function roomName(room: Room): string {
	return kindOf(room).name(room);
}
