/**
 * The pairings room (`pairings:<planId>`), opened on demand: the pairing board's document.
 */
import { pairingSettingsCollection, pairingsCollection } from '../../shared/plan/doc';
import type { IsoDate, Pairing, PairingMode, PairingSettings } from '../../shared/plan/types';
import type { FieldError } from '../../shared/sync/schema';
import { DEFAULT_SILENT_WEEKS, PAIRING_FIELD, SETTINGS_ID, updatePairingSettings } from '../../shared/sync/kinds/pairings';
import { checkPairing, type BoardSchool, type PairingProblem } from '../../shared/pairing/board';
import { newTaskId } from '../../shared/plan/task-id';
import type { Room } from '../../shared/sync/room';
import { LiveRoom } from '../live-room.svelte';

export type PairingsRoomName = Extract<Room, { kind: 'pairings' }>;

/** A short random pairing id, e.g. `pr-k3x9q2`. */
export function newPairingId(): string {
	return 'pr-' + newTaskId().slice(2);
}

/** Where a board edit is judged: the plan's schools (with their tier) and today ([D4]). */
export interface BoardContext {
	schools: readonly BoardSchool[];
	today: IsoDate;
}

export type BoardEdit = { ok: true; id: string } | { ok: false; errors: Record<string, PairingProblem | FieldError> };

/**
 * The plan's strong–weak pairings and the board's settings as runes, and the
 * board's edits as intent-named methods that check the field declarations and the board rules
 * ([B1]–[B3]) before writing, each as one undo step.
 */
export class PairingsRoom extends LiveRoom<PairingsRoomName> {
	readonly #pairings = this.records(pairingsCollection);
	readonly #settings = this.records(pairingSettingsCollection);

	get pairings(): Pairing[] {
		return this.#pairings.list;
	}

	get invalid(): Map<string, string[]> {
		return this.#pairings.invalid;
	}

	/** The board's settings (defaults until leaders set them). */
	get settings(): PairingSettings {
		return this.#settings.list[0] ?? { id: SETTINGS_ID, silentWeeks: DEFAULT_SILENT_WEEKS, visitsVersion: 0 };
	}

	/** [B8] Moves whenever the server stored a visit change of this plan. */
	get visitsVersion(): number {
		return this.settings.visitsVersion;
	}

	/**
	 * [B1]–[B3] Pairs a weak school with a strong one, from today (or the plan's start) to the
	 * plan's end unless given. Refused, writing nothing, when a rule or a field check fails.
	 */
	pair(
		strong: string,
		weak: string,
		ctx: BoardContext,
		fields: Partial<Pick<Pairing, 'modes' | 'start' | 'end' | 'target'>> = {}
	): BoardEdit {
		const id = newPairingId();
		const start = fields.start ?? (ctx.today < this.plan.start ? this.plan.start : ctx.today);
		const record: Pairing = {
			id,
			strong,
			weak,
			modes: fields.modes ?? [],
			start,
			end: fields.end ?? (this.plan.end >= start ? this.plan.end : start),
			target: fields.target ?? 2
		};
		const rules = checkPairing(record, ctx.schools, this.pairings, ctx.today);
		if (!rules.ok) return { ok: false, errors: rules.errors };
		const written = this.transact((doc) => pairingsCollection.create(doc, record));
		return written.ok ? { ok: true, id } : { ok: false, errors: written.errors };
	}

	/** Validated edit of a pairing's modes, dates, target or end, judged as a whole. */
	updatePairing(id: string, patch: Partial<Omit<Pairing, 'id' | 'strong' | 'weak'>>, ctx: BoardContext): BoardEdit {
		const current = this.pairings.find((p) => p.id === id);
		if (!current) return { ok: false, errors: { id: 'not_allowed' } };
		const next = { ...current, ...patch };
		if (PAIRING_FIELD.ended in patch && patch.ended === undefined) delete next.ended;
		const rules = checkPairing(next, ctx.schools, this.pairings, ctx.today);
		// A pairing already flagged for its schools can still get its dates and modes corrected.
		const errors = rules.ok ? {} : Object.fromEntries(Object.entries(rules.errors).filter(([f]) => f in patch));
		// Resuming an ended pairing whose weak school was paired again meanwhile ([B3]).
		if (!rules.ok && PAIRING_FIELD.ended in patch && rules.errors.weak === 'weak_taken') errors.ended = 'weak_taken';
		if (Object.keys(errors).length) return { ok: false, errors };
		const written = this.transact((doc) => pairingsCollection.update(doc, id, patch));
		return written.ok ? { ok: true, id } : { ok: false, errors: written.errors };
	}

	setModes(id: string, modes: PairingMode[], ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, { modes }, ctx);
	}

	setDates(id: string, dates: { start?: IsoDate; end?: IsoDate }, ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, dates, ctx);
	}

	setTarget(id: string, target: number, ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, { target }, ctx);
	}

	/** [B4] Ends a pairing on `date` (today by default): kept with its visits, shown apart. */
	endPairing(id: string, ctx: BoardContext, date: IsoDate = ctx.today): BoardEdit {
		return this.updatePairing(id, { ended: date }, ctx);
	}

	/** Takes back an end (the weak school must not have been paired again meanwhile, [B3]). */
	resumePairing(id: string, ctx: BoardContext): BoardEdit {
		return this.updatePairing(id, { ended: undefined }, ctx);
	}

	/** [B6] Weeks without a confirmed visit after which a running pairing is flagged silent. */
	setSilentWeeks(weeks: number): BoardEdit {
		return this.transact((doc) => {
			// One field of the server-made record ([B9]): a concurrent save of another field merges.
			const r = updatePairingSettings(doc, { silentWeeks: weeks });
			return r.ok ? { ok: true as const, id: SETTINGS_ID } : { ok: false as const, errors: r.errors };
		});
	}
}
