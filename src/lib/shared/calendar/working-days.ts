/**
 * Counting school working days ([WD1]–[WD4] in tests/SPEC.md): a day works when it is a weekday
 * not marked `holiday`, or a weekend day marked `makeup` (调休). Pure, on `YYYY-MM-DD` strings
 * through day numbers, so it runs the same on the server, the page and in tests.
 */
import { fromDayNumber, toDayNumber } from '../plan/dates';
import type { IsoDate } from '../plan/types';
import type { CalendarDay } from './types';

/** 0 = Sunday … 6 = Saturday, for a day number (1970-01-01, day 0, was a Thursday). */
const weekday = (n: number) => (((n + 4) % 7) + 7) % 7;

/** Saturday or Sunday. */
export const isWeekend = (date: IsoDate): boolean => {
	const w = weekday(toDayNumber(date));
	return w === 0 || w === 6;
};

export class WorkingCalendar {
	readonly #holidays = new Map<number, string>();
	readonly #makeups = new Map<number, string>();

	constructor(days: readonly CalendarDay[] = []) {
		for (const d of days) {
			const n = toDayNumber(d.date);
			if (d.kind === 'holiday') this.#holidays.set(n, d.name);
			else this.#makeups.set(n, d.name);
		}
	}

	/** [WD1] A weekday not marked `holiday`, or a weekend day marked `makeup`. */
	isWorkingDay(date: IsoDate): boolean {
		return this.#works(toDayNumber(date));
	}

	/** What makes `date` differ from a plain week: `holiday`, `makeup`, or `null`. */
	special(date: IsoDate): { kind: 'holiday' | 'makeup'; name: string } | null {
		const n = toDayNumber(date);
		const h = this.#holidays.get(n);
		if (h !== undefined) return { kind: 'holiday', name: h };
		const m = this.#makeups.get(n);
		return m !== undefined ? { kind: 'makeup', name: m } : null;
	}

	/** [WD2] Working days in `[from, to]`, both included; 0 when `to` is before `from`. */
	count(from: IsoDate, to: IsoDate): number {
		const a = toDayNumber(from);
		const b = toDayNumber(to);
		if (b < a) return 0;
		// Whole weeks hold five weekdays each; only the rest and the marked days are walked.
		const span = b - a + 1;
		const weeks = Math.floor(span / 7);
		let n = weeks * 5;
		for (let d = a + weeks * 7; d <= b; d++) if (weekday(d) !== 0 && weekday(d) !== 6) n++;
		for (const d of this.#holidays.keys()) if (d >= a && d <= b && weekday(d) !== 0 && weekday(d) !== 6) n--;
		for (const d of this.#makeups.keys()) if (d >= a && d <= b && (weekday(d) === 0 || weekday(d) === 6) && !this.#holidays.has(d)) n++;
		return n;
	}

	/**
	 * [WD3] The working day `n` working days after `date` (`n` ≥ 0; 0 is `date` itself when it
	 * works, else the next working day), or before it for a negative `n`.
	 */
	add(date: IsoDate, n: number): IsoDate {
		let d = toDayNumber(date);
		const step = n < 0 ? -1 : 1;
		while (!this.#works(d)) d += step;
		for (let left = Math.abs(Math.trunc(n)); left > 0; ) {
			d += step;
			if (this.#works(d)) left--;
		}
		return fromDayNumber(d);
	}

	/** [WD4] The first working day on or after `date`. */
	nextWorkingDay(date: IsoDate): IsoDate {
		return this.add(date, 0);
	}

	#works(n: number): boolean {
		const w = weekday(n);
		if (w === 0 || w === 6) return this.#makeups.has(n) && !this.#holidays.has(n);
		return !this.#holidays.has(n);
	}
}
