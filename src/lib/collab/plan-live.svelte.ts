/**
 * One owner per open plan in the browser: created once where the plan opens
 * (`routes/plans/[planId]/+layout.svelte`) and handed to every page through a typed context, so
 * moving between the overview, the table and the Gantt keeps one socket per room and never
 * re-syncs ([U2]). It composes the plan's rooms (`./rooms/`): the plan room, opened at once with
 * the user's presence, and school rooms and the pairings room on demand; it keeps one undo history
 * of this user's own edits across them, of which each page undoes the rooms it edits ([U5]).
 * The plan room's edits are forwarded, so pages call them on this one handle.
 */
import { getContext, setContext } from 'svelte';
import type { PlanMember } from '../shared/sync/access';
import type { Room } from '../shared/sync/room';
import type { LiveDoc } from './live-doc.svelte';
import type { LiveRoom, RoomSession } from './live-room.svelte';
import { PageUndo, type Undoable } from './page-undo.svelte';
import { Presence } from './presence.svelte';
import { openRoom, type PairingsRoom, type PlanRoom, type RoomsByKind, type SchoolRoom } from './rooms/index';
import { UndoStack } from './undo-stack';

export interface PlanLiveOptions {
	plan: RoomSession['plan'];
	user: { id: string; displayName: string };
	member: PlanMember;
	/** Tests run without a network or IndexedDB. */
	offlineCache?: boolean;
}

export class PlanLive implements Undoable {
	readonly plan: PlanLiveOptions['plan'];
	readonly user: PlanLiveOptions['user'];
	readonly member: PlanMember;
	readonly presence: Presence;
	/** The plan room: tasks, phases, goals, indicators, templates, baselines. */
	readonly planRoom: PlanRoom;
	readonly #session: RoomSession;
	readonly #history = new UndoStack();
	readonly #schools = new Map<string, SchoolRoom>();
	#pairings: PairingsRoom | null = null;
	/** Pages that do not name the rooms they edit undo the plan room's edits. */
	readonly #planUndo: PageUndo;
	#pageUndo = $state.raw<PageUndo | null>(null);
	#connected = false;

	constructor(opts: PlanLiveOptions) {
		this.plan = opts.plan;
		this.user = opts.user;
		this.member = opts.member;
		this.#session = { plan: opts.plan, userId: opts.user.id, member: opts.member, offlineCache: opts.offlineCache };
		this.presence = new Presence({ id: opts.user.id, name: opts.user.displayName });
		this.planRoom = this.#open({ kind: 'plan', planId: opts.plan.id });
		this.#planUndo = this.undoFor(this.planRoom);
	}

	/** Opens the plan room (cache, socket, presence) and the rooms pages asked for before. Browser only. */
	connect(): void {
		if (this.#connected) return;
		this.#connected = true;
		this.planRoom.connect(this.presence);
		// Pages create their components (and ask for school or pairings rooms) before the
		// workspace mounts: rooms opened before now connect with it.
		for (const room of this.#rooms()) room.connect();
	}

	destroy(): void {
		this.presence.detach();
		this.#planUndo.destroy();
		this.#history.destroy();
		for (const room of this.#rooms()) room.destroy();
		this.#schools.clear();
		this.#pairings = null;
	}

	/** The plan room's connection, for `SyncStatus` and the plan room's own undo buttons. */
	get live(): LiveDoc {
		return this.planRoom.live;
	}

	// ─── Rooms ──────────────────────────────────────────────────────────────────────────────────

	/**
	 * A school room, opened once however many pages ask for it. It stays open while the plan is
	 * open, so coming back to a school's page does not sync it again.
	 */
	school(schoolId: string): SchoolRoom {
		let room = this.#schools.get(schoolId);
		if (!room) {
			room = this.#open({ kind: 'school', planId: this.plan.id, schoolId });
			this.#schools.set(schoolId, room);
		}
		return room;
	}

	/** The pairings room, opened once on demand like the school rooms. */
	pairings(): PairingsRoom {
		return (this.#pairings ??= this.#open({ kind: 'pairings', planId: this.plan.id }));
	}

	/** Rooms this page holds open, for tests and diagnostics. */
	get openRooms(): string[] {
		return [...this.#rooms()].map((r) => r.name);
	}

	#open<R extends Room>(room: R): RoomsByKind[R['kind']] {
		const opened = openRoom(room, this.#session);
		this.#history.track(opened.undoManager);
		if (this.#connected) opened.connect();
		return opened;
	}

	*#rooms(): Iterable<LiveRoom> {
		yield this.planRoom;
		yield* this.#schools.values();
		if (this.#pairings) yield this.#pairings;
	}

	// ─── Undo ───────────────────────────────────────────────────────────────────────────────────

	/**
	 * The undo history of a page that edits `rooms`: this user's own edits in them, latest first
	 * whichever room it was in. Rooms the user only reads are left out.
	 */
	undoFor(...rooms: LiveRoom[]): PageUndo {
		return new PageUndo(
			this.#history,
			rooms.filter((r) => !r.readOnly).map((r) => r.undoManager)
		);
	}

	/**
	 * Makes `undo` the one Ctrl+Z and `undo()`/`redo()` reach while the page shows; returns the
	 * function that hands back to the plan room's (for a page's `$effect`).
	 */
	useUndo(undo: PageUndo): () => void {
		this.#pageUndo = undo;
		return () => {
			// The next page may already have set its own.
			if (this.#pageUndo === undo) this.#pageUndo = null;
			undo.destroy();
		};
	}

	get #undo(): PageUndo {
		return this.#pageUndo ?? this.#planUndo;
	}

	undo(): void {
		this.#undo.undo();
	}

	redo(): void {
		this.#undo.redo();
	}

	get canUndo(): boolean {
		return this.#undo.canUndo;
	}

	get canRedo(): boolean {
		return this.#undo.canRedo;
	}

	/**
	 * Runs `edit` (one or more of the plan room's intent-named edits) as one undo step of its own:
	 * nothing before or after merges into it. Pages call this instead of reaching into the room.
	 */
	step<T>(edit: () => T): T {
		return this.planRoom.step(edit);
	}

	// ─── The plan room, forwarded ───────────────────────────────────────────────────────────────

	/** Whether the user may edit the plan room (the server decides; this keeps the UI honest). */
	get canWrite(): boolean {
		return !this.planRoom.readOnly;
	}

	get loaded(): boolean {
		return this.planRoom.loaded;
	}

	get editable(): boolean {
		return this.planRoom.editable;
	}
}

/**
 * The plan room's readers and edits, forwarded so pages call them on the one handle in context
 * (`live.updateTask(…)`); PlanRoom documents them.
 */
const FORWARDED_READS = ['tasks', 'invalidTasks', 'phases', 'goals', 'indicators', 'templates', 'baselines'] as const;
const FORWARDED_EDITS = [
	'updateTask',
	'addTask',
	'applyTaskBatch',
	'moveTask',
	'removeTasks',
	'removeTask',
	'linkTasks',
	'unlinkTasks',
	'wouldCycle',
	'saveBaseline',
	'addTemplate',
	'updateTemplate',
	'removeTemplate'
] as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface PlanLive extends Pick<PlanRoom, (typeof FORWARDED_READS)[number] | (typeof FORWARDED_EDITS)[number]> {}

for (const name of FORWARDED_READS) {
	Object.defineProperty(PlanLive.prototype, name, {
		get(this: PlanLive) {
			return this.planRoom[name];
		}
	});
}
for (const name of FORWARDED_EDITS) {
	Object.defineProperty(PlanLive.prototype, name, {
		value(this: PlanLive, ...args: unknown[]) {
			return (this.planRoom[name] as (...a: unknown[]) => unknown).apply(this.planRoom, args);
		}
	});
}

const KEY = Symbol('plan-live');

export function setPlanLive(live: PlanLive): PlanLive {
	return setContext(KEY, live);
}

export function getPlanLive(): PlanLive {
	const live = getContext<PlanLive | undefined>(KEY);
	if (!live) throw new Error('getPlanLive() called outside routes/plans/[planId]');
	return live;
}
