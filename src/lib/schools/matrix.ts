/**
 * [M2] The leading group's matrix of pilot schools × milestones. Columns are the milestone steps
 * schools share: a template's milestone (`tpl-…`) by its id, any other by phase and due day (the
 * demo's and bureaus' plans give every pilot the same dates). Each cell takes the [A1] state of
 * that school's milestone, counted in the plan's days ([WD12]); rows and columns count what is
 * done. Pure, so tests use plain data.
 */
import { attentionState, type AttentionState } from '../shared/plan/attention';
import { CALENDAR_DAYS, type DayCounter } from '../shared/calendar/day-counter';
import { PHASES, type IsoDate, type Milestone, type PhaseKey, type SchoolType } from '../shared/plan/types';

export interface MatrixSchool {
	id: string;
	name: string;
	type: SchoolType;
}

export interface MatrixColumn {
	key: string;
	title: string;
	phase: PhaseKey;
	due: IsoDate;
	done: number;
	total: number;
}

export interface MatrixCell {
	state: AttentionState;
	milestone: Milestone;
}

export interface MatrixRow {
	school: MatrixSchool;
	cells: Map<string, MatrixCell>;
	done: number;
	total: number;
	/** Cells overdue or behind: what a leader looks at first. */
	atRisk: number;
}

export interface MatrixFilter {
	type?: SchoolType | null;
	phase?: PhaseKey | null;
	sort?: 'name' | 'done' | 'risk';
}

export const columnKey = (m: Pick<Milestone, 'id' | 'phase' | 'due'>) =>
	m.id.startsWith('tpl-') ? m.id : `${m.phase}|${m.due}`;

export function buildMatrix(
	schools: readonly MatrixSchool[],
	milestonesOf: (schoolId: string) => readonly Milestone[],
	today: IsoDate,
	filter: MatrixFilter = {},
	days: DayCounter = CALENDAR_DAYS
): { columns: MatrixColumn[]; rows: MatrixRow[] } {
	const columns = new Map<string, MatrixColumn>();
	const rows: MatrixRow[] = [];
	for (const school of schools) {
		if (filter.type && school.type !== filter.type) continue;
		const row: MatrixRow = { school, cells: new Map(), done: 0, total: 0, atRisk: 0 };
		for (const m of milestonesOf(school.id)) {
			if (filter.phase && m.phase !== filter.phase) continue;
			const key = columnKey(m);
			if (row.cells.has(key)) continue;
			const state = attentionState(m, today, days);
			row.cells.set(key, { state, milestone: m });
			row.total++;
			if (state === 'done') row.done++;
			if (state === 'overdue' || state === 'behind') row.atRisk++;
			const col = columns.get(key) ?? { key, title: m.title, phase: m.phase, due: m.due, done: 0, total: 0 };
			col.total++;
			if (state === 'done') col.done++;
			columns.set(key, col);
		}
		rows.push(row);
	}
	const sorted = [...columns.values()].sort(
		(a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || (a.due < b.due ? -1 : a.due > b.due ? 1 : a.key < b.key ? -1 : 1)
	);
	const by = filter.sort ?? 'name';
	rows.sort((a, b) =>
		by === 'done'
			? b.done / (b.total || 1) - a.done / (a.total || 1) || a.school.name.localeCompare(b.school.name, 'zh-CN')
			: by === 'risk'
				? b.atRisk - a.atRisk || a.school.name.localeCompare(b.school.name, 'zh-CN')
				: a.school.name.localeCompare(b.school.name, 'zh-CN')
	);
	return { columns: sorted, rows };
}
