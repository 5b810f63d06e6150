/**
 * The calendar page's edit state ([WD4]): a copy of the year's semesters and days that a leader
 * changes, then sends whole with `PUT …/calendar?year=` (the server validates it again). Plain
 * TS so it is tested without runes; immutable, each edit a new draft the page's `$state` takes.
 */
import type { CalendarDay, CalendarDayKind, CalendarSemester, PlanCalendar } from '../shared/calendar/types';

export class CalendarDraft {
	readonly semesters: readonly CalendarSemester[];
	readonly days: readonly CalendarDay[];
	readonly source: string;

	constructor(calendar: Pick<PlanCalendar, 'semesters' | 'days' | 'source' | 'weekendsOnly'>) {
		this.semesters = calendar.semesters.map((s) => ({ ...s }));
		this.days = calendar.days.map((d) => ({ ...d }));
		// A year known by weekends only gets no source text of its own until someone writes one.
		this.source = calendar.weekendsOnly ? '' : calendar.source;
	}

	#with(semesters: readonly CalendarSemester[], days: readonly CalendarDay[]): CalendarDraft {
		return new CalendarDraft({ source: this.source, weekendsOnly: false, semesters: [...semesters], days: [...days] });
	}

	addSemester(s: CalendarSemester): CalendarDraft {
		return this.#with([...this.semesters, s], this.days);
	}

	removeSemester(index: number): CalendarDraft {
		return this.#with(this.semesters.filter((_, i) => i !== index), this.days);
	}

	/** Adds or replaces the day of that date, keeping the list in date order. */
	setDay(date: string, kind: CalendarDayKind, name: string): CalendarDraft {
		const days = [...this.days.filter((d) => d.date !== date), { date, kind, name }].sort((a, b) => (a.date < b.date ? -1 : 1));
		return this.#with(this.semesters, days);
	}

	removeDay(date: string): CalendarDraft {
		return this.#with(this.semesters, this.days.filter((d) => d.date !== date));
	}

	body(): { source: string; semesters: CalendarSemester[]; days: CalendarDay[] } {
		return { source: this.source, semesters: [...this.semesters], days: [...this.days] };
	}
}
