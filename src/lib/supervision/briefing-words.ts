/** The first draft of a briefing's text in the reader's language ([BR3]); the leading group edits it. */
import * as m from '$lib/paraglide/messages';
import type { BriefingFigures, BriefingWords } from '$lib/shared/supervision/briefing';

const LIST_MAX = 5;
const list = (xs: string[]) => xs.slice(0, LIST_MAX).join('、') + (xs.length > LIST_MAX ? m.br_and_more() : '');
const num = (n: number) => String(n);

export const briefingWords: BriefingWords = {
	summary: (f: BriefingFigures) =>
		m.br_words_summary({
			from: f.from,
			to: f.to,
			total: num(f.tasks.total),
			done: num(f.tasks.done),
			doneInPeriod: num(f.tasks.doneInPeriod.length),
			milestones: num(f.milestonesDoneInPeriod),
			overdue: num(f.tasks.overdue),
			behind: num(f.tasks.behind)
		}),
	done: (f) => (f.tasks.doneInPeriod.length ? m.br_words_done({ list: list(f.tasks.doneInPeriod.map((t) => t.title)) }) : m.br_words_done_none()),
	behind: (f) => {
		if (!f.behindByUnit.length && !f.behindBySchool.length) return m.br_words_behind_none();
		const count = (l: { name: string; overdue: number; behind: number; blocked: number }) => m.br_count_item({ name: l.name || m.sv_unit_none(), count: num(l.overdue + l.behind + l.blocked) });
		const units = f.behindByUnit.length ? m.br_words_behind({ units: list(f.behindByUnit.map(count)) }) : '';
		const schools = f.behindBySchool.length ? m.br_words_behind_schools({ list: list(f.behindBySchool.map(count)) }) : '';
		return [units, schools].filter(Boolean).join('');
	},
	indicators: (f) => {
		const moved = f.indicators.filter((i) => i.to !== null && i.to !== i.from);
		if (!moved.length) return m.br_words_indicators_none();
		const fmt = (v: number | null, unit: string) => (v === null ? '—' : `${Math.round(v * 10) / 10}${unit}`);
		return m.br_words_indicators({
			moved: num(moved.length),
			met: num(moved.filter((i) => i.met).length),
			list: list(moved.map((i) => `${i.name} ${fmt(i.from, i.unit)}→${fmt(i.to, i.unit)}`))
		});
	},
	pairings: (f) => m.br_words_pairings({ total: num(f.visits.total), confirmed: num(f.visits.confirmed), active: num(f.pairings.active), silent: num(f.pairings.silent) }),
	next: (f) => m.br_words_next({ open: num(f.notices.open), missing: num(f.reports.missing) })
};
