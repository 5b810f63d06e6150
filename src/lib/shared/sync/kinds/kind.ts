/**
 * What every document kind declares (one module per kind, listed in `./index.ts`): its room name,
 * who writes and reads it, its collections with every field, how older shapes are upgraded, and
 * the rows of its SQL projection. The sync server, the audit, the projector and the browser's
 * live-document layer iterate over the registry rather than naming kinds.
 */
import type * as Y from 'yjs';
import type { PlanMember, RoomAccess } from '../access';
import type { Room } from '../room';
import type { Collection } from '../schema';

/** Projection tables, named as in the server's schema. */
export type ProjectionTable = 'tasks' | 'phases' | 'milestones' | 'pairings' | 'pairing_settings';

export interface ProjectionRows {
	table: ProjectionTable;
	/** The rows this document owns in `table` (column → value), e.g. `{ planId }`. */
	scope: Record<string, string>;
	rows: Record<string, unknown>[];
}

export interface DocKind<R extends Room = Room> {
	kind: R['kind'];
	/** The room from the parts of its name after `<kind>:`, or `null` when they do not fit. */
	parse(parts: string[]): R | null;
	name(room: R): string;
	access(member: PlanMember | null, room: R): RoomAccess;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	collections: readonly Collection<any>[];
	/**
	 * Brings a document written in an older shape to the current one, in place and in one
	 * transaction; returns whether it changed anything. Runs on the server when a room loads.
	 */
	upgrade?(doc: Y.Doc): boolean;
	project(room: R, doc: Y.Doc): ProjectionRows[];
}

/** Plan members read every room of their plan; admins and leaders write them. */
export function leadersWrite(member: PlanMember | null): RoomAccess {
	if (!member) return 'none';
	return member.role === 'admin' || member.role === 'leader' ? 'write' : 'read';
}

export function defineKind<R extends Room>(kind: DocKind<R>): DocKind<R> {
	return kind;
}
