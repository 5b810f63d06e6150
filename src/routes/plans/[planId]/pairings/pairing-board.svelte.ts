/**
 * The pairing board's state beside its page: what it shows (the live pairings, or the server's
 * projection until the room arrives; their health, layout and problems; the silent filter) and
 * its pairing action with the message it leaves. The page only draws it.
 */
import * as m from '$lib/paraglide/messages';
import type { PairingsRoom } from '$lib/collab/rooms/pairings-room.svelte';
import { pairingProblemText } from '$lib/components/labels';
import { BoardDrag, type DragState } from '$lib/pairing/board-drag';
import { monthsBetween } from '$lib/pairing/chart';
import { boardLayout, pairingProblems } from '$lib/shared/pairing/board';
import { pairingHealth, visitTotals, type PairingHealth } from '$lib/shared/pairing/health';
import type { Pairing } from '$lib/shared/plan/types';
import { optionsHtml } from '$lib/shared/text/html';
import type { PageData } from './$types';

/** What the URL says the board shows. */
export interface BoardView {
	onlySilent: boolean;
	pairingId: string | null;
}

const FIELDS: Record<string, () => string> = {
	strong: m.common_school_tier_strong,
	weak: m.common_school_tier_weak,
	modes: m.pairings_modes,
	start: m.pairings_start,
	end: m.pairings_end,
	target: m.pairings_target,
	ended: m.pairings_end_pairing
};

/** A field's name as the board shows it (for invalid stored values). */
export const fieldLabel = (f: string) => FIELDS[f]?.() ?? f;

export class PairingBoard {
	#dragState = $state<DragState>({ dragging: null, over: null });
	readonly drag = new BoardDrag(this.#dragState, () => this.editable);
	#message = $state('');
	#failure = $state('');
	// A pairing's health reads every visit: kept per pairing object while the visits and the
	// threshold stay, so an update re-computes only the pairings it changed.
	#healthMemo: { tallies: unknown; semesters: unknown; weeks: number; today: string; of: WeakMap<Pairing, PairingHealth> } | null = null;

	constructor(
		readonly room: PairingsRoom,
		private readonly data: () => PageData,
		private readonly view: () => BoardView
	) {}

	// Until the live document arrives, the projection's rows rendered by the server stand in.
	readonly pairings = $derived.by<Pairing[]>(() => (this.room.loaded ? this.room.pairings : (this.data().pairings as Pairing[])));
	readonly ctx = $derived.by(() => ({ schools: this.data().schools, today: this.data().today }));
	readonly #names = $derived.by(() => new Map(this.data().schools.map((s) => [s.id, s.name])));
	readonly silentWeeks = $derived.by(() => this.room.settings.silentWeeks);
	readonly health = $derived.by(() => this.#health());
	/** The strong schools a weak one can be paired with, as markup shared by every weak school's menu. */
	readonly strongOptions = $derived.by(() =>
		optionsHtml(this.data().schools.filter((s) => s.tier === 'strong').map((s) => ({ value: s.id, label: s.name })))
	);
	readonly layout = $derived.by(() => boardLayout(this.pairings, this.data().schools, this.data().today));
	readonly problems = $derived.by(() => pairingProblems(this.pairings, this.data().schools, this.data().today));
	readonly editable = $derived.by(() => this.room.editable);
	readonly onlySilent = $derived.by(() => this.view().onlySilent);
	readonly selected = $derived.by(() => this.pairings.find((p) => p.id === this.view().pairingId) ?? null);
	readonly running = $derived.by(() => this.layout.strong.flatMap((c) => c.pairings));
	readonly shownCards = $derived.by(() =>
		this.onlySilent
			? this.layout.strong
					.map((c) => ({ ...c, pairings: c.pairings.filter((p) => this.health.get(p.id)?.silent) }))
					.filter((c) => c.pairings.length)
			: this.layout.strong
	);
	readonly shownCount = $derived.by(() => this.shownCards.reduce((n, c) => n + c.pairings.length, 0));
	readonly district = $derived.by(() => visitTotals(this.data().tallies));
	readonly months = $derived.by(() => {
		const { plan, today } = this.data();
		return monthsBetween(plan.start, today < plan.end ? today : plan.end);
	});

	/** The last pairing made, announced politely. */
	get message(): string {
		return this.#message;
	}

	/** Why the last pairing was refused. */
	get failure(): string {
		return this.#failure;
	}

	schoolName = (id: string): string => this.#names.get(id) ?? m.pairings_school_unknown({ id });

	pairWith(strong: string, weak: string): void {
		const result = this.room.pair(strong, weak, this.ctx);
		if (result.ok) {
			this.#failure = '';
			this.#message = m.pairings_paired({ weak: this.schoolName(weak), strong: this.schoolName(strong) });
		} else {
			this.#message = '';
			this.#failure = Object.values(result.errors).map(pairingProblemText).join('；');
		}
	}

	/** A weak school dropped on `strong`'s card. */
	drop(strong: string, data: DataTransfer | null): void {
		const weak = this.drag.drop(data);
		if (weak) this.pairWith(strong, weak);
	}

	#health(): Map<string, PairingHealth> {
		const { tallies, semesters, today } = this.data();
		const weeks = this.silentWeeks;
		const memo = this.#healthMemo;
		if (!memo || memo.tallies !== tallies || memo.semesters !== semesters || memo.weeks !== weeks || memo.today !== today) {
			this.#healthMemo = { tallies, semesters, weeks, today, of: new WeakMap() };
		}
		const of = this.#healthMemo!.of;
		return new Map(
			this.pairings.map((p) => {
				let h = of.get(p);
				if (!h) of.set(p, (h = pairingHealth(p, tallies, today, weeks, semesters)));
				return [p.id, h];
			})
		);
	}
}
