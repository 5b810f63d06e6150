/**
 * The pairing board's rules ([B1]–[B5] in tests/SPEC.md): which pairings may exist, and the
 * problems of pairings that reached the document another way (an old client, a script), which
 * the board flags for correction instead of hiding.
 */
import { isIsoDate } from '../plan/dates';
import type { IsoDate, Pairing, SchoolTier } from '../plan/types';

export interface BoardSchool {
	id: string;
	tier: SchoolTier;
}

/** Why a pairing is not acceptable, per field. */
export type PairingProblem =
	| 'not_strong'
	| 'not_weak'
	| 'same_school'
	| 'weak_taken'
	| 'invalid_date'
	| 'end_before_start'
	| 'ended_before_start';

export type PairingCheck = { ok: true } | { ok: false; errors: Partial<Record<keyof Pairing, PairingProblem>> };

/** A pairing is running (not ended) on `today` when it has no `ended` day or ends after today. */
export function isRunning(p: Pick<Pairing, 'ended'>, today: IsoDate): boolean {
	return !p.ended || p.ended > today;
}

/**
 * [B1] `strong` is a strong school of the plan and `weak` a weak one (two different schools);
 * [B2] start and end are real days, end not before start, `ended` (when set) not before start;
 * [B3] a weak school has at most one running pairing (a strong school may take several).
 * `others` are the plan's other pairings (the one checked is left out by id).
 */
export function checkPairing(
	p: Pick<Pairing, 'id' | 'strong' | 'weak' | 'start' | 'end' | 'ended'>,
	schools: readonly BoardSchool[],
	others: readonly Pick<Pairing, 'id' | 'weak' | 'ended'>[],
	today: IsoDate
): PairingCheck {
	const taken = isRunning(p, today) && others.some((o) => o.id !== p.id && o.weak === p.weak && isRunning(o, today));
	return checkAgainst(p, tiersOf(schools), taken);
}

const tiersOf = (schools: readonly BoardSchool[]) => new Map(schools.map((s) => [s.id, s.tier]));

/** The checks of {@link checkPairing} with the tiers looked up once and [B3] already decided. */
function checkAgainst(
	p: Pick<Pairing, 'strong' | 'weak' | 'start' | 'end' | 'ended'>,
	tier: ReadonlyMap<string, SchoolTier>,
	weakTaken: boolean
): PairingCheck {
	const errors: Partial<Record<keyof Pairing, PairingProblem>> = {};
	if (tier.get(p.strong) !== 'strong') errors.strong = 'not_strong';
	if (p.weak === p.strong) errors.weak = 'same_school';
	else if (tier.get(p.weak) !== 'weak') errors.weak = 'not_weak';
	else if (weakTaken) errors.weak = 'weak_taken';
	if (!isIsoDate(p.start)) errors.start = 'invalid_date';
	if (!isIsoDate(p.end)) errors.end = 'invalid_date';
	else if (isIsoDate(p.start) && p.end < p.start) errors.end = 'end_before_start';
	if (p.ended !== undefined) {
		if (!isIsoDate(p.ended)) errors.ended = 'invalid_date';
		else if (isIsoDate(p.start) && p.ended < p.start) errors.ended = 'ended_before_start';
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true };
}

/** [B1]–[B3] Problems of every pairing in the document, by pairing id (only those with one). */
export function pairingProblems(
	pairings: readonly Pairing[],
	schools: readonly BoardSchool[],
	today: IsoDate
): Map<string, Partial<Record<keyof Pairing, PairingProblem>>> {
	const out = new Map<string, Partial<Record<keyof Pairing, PairingProblem>>>();
	const tier = tiersOf(schools);
	// Of two running pairings of one weak school, the earlier one (by start, then id) stands: in
	// that order, a pairing is taken when an earlier running one holds its weak school. One pass,
	// not every pairing against every other (500 pairings: 250,000 comparisons per update).
	const ordered = [...pairings].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const heldWeak = new Set<string>();
	for (const p of ordered) {
		const running = isRunning(p, today);
		const check = checkAgainst(p, tier, running && heldWeak.has(p.weak));
		if (!check.ok) out.set(p.id, check.errors);
		if (running) heldWeak.add(p.weak);
	}
	return out;
}

export interface BoardLayout {
	/** Strong schools, each with its running pairings. */
	strong: { schoolId: string; pairings: Pairing[] }[];
	/** Weak schools without a running pairing. */
	unpaired: string[];
	/** Ended pairings, kept with their history, most recently ended first. */
	ended: Pairing[];
	/** Pairings that break [B1] (shown apart, to be corrected or ended). */
	broken: Pairing[];
}

/**
 * [B4] What the board shows: every strong school as a card with its running pairings, weak
 * schools without one in the side list, ended pairings apart. Schools keep the given order.
 */
export function boardLayout(
	pairings: readonly Pairing[],
	schools: readonly BoardSchool[],
	today: IsoDate
): BoardLayout {
	const problems = pairingProblems(pairings, schools, today);
	const brokenIds = new Set(
		[...problems].filter(([, e]) => e.strong || (e.weak && e.weak !== 'weak_taken')).map(([id]) => id)
	);
	const running = pairings.filter((p) => isRunning(p, today) && !brokenIds.has(p.id));
	const byStrong = new Map<string, Pairing[]>();
	for (const p of running) {
		const list = byStrong.get(p.strong);
		if (list) list.push(p);
		else byStrong.set(p.strong, [p]);
	}
	const strong = schools.filter((s) => s.tier === 'strong').map((s) => ({ schoolId: s.id, pairings: byStrong.get(s.id) ?? [] }));
	const pairedWeak = new Set(running.map((p) => p.weak));
	const unpaired = schools.filter((s) => s.tier === 'weak' && !pairedWeak.has(s.id)).map((s) => s.id);
	const ended = pairings
		.filter((p) => !isRunning(p, today) && !brokenIds.has(p.id))
		.sort((a, b) => (b.ended ?? '').localeCompare(a.ended ?? '') || a.id.localeCompare(b.id));
	return { strong, unpaired, ended, broken: pairings.filter((p) => brokenIds.has(p.id)) };
}
