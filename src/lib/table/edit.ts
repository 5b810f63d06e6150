/**
 * Turning what a cell holds as text (typed into an editor, pasted from a spreadsheet) into a task
 * field's value, and a field's value back into the text a copy gives. Whether the value is allowed
 * is the shared edit rules' call (`$lib/shared/plan/rules`); here a text that names no value of
 * the field becomes a value the rules refuse with the right message ([T10]).
 */
import type { DayCounter } from '../shared/calendar/day-counter';
import { PHASES, TASK_STATUSES, type PhaseKey, type Task, type TaskStatus } from '../shared/plan/types';
import { slipDays, type BaselineDates } from '../shared/plan/baselines';
import { parseDateInput } from '../shared/plan/date-input';
import { TASK_FIELD as F } from '../shared/sync/kinds/plan';

/** The task fields a cell edits. */
export type EditableField = Exclude<keyof Task, 'id' | 'order'>;

import { BASELINE_FIELDS, GRID_FIELDS, gridColumns, type BaselineField, type GridColumn, type GridField } from '../shared/plan/task-columns';
export { BASELINE_FIELDS, GRID_FIELDS, gridColumns, type BaselineField, type GridColumn, type GridField };

/** A slip as shown and copied: `+3` later, `-2` earlier, `0`; blank without one. */
export const slipText = (days: number | null): string => (days === null ? '' : days > 0 ? `+${days}` : String(days));

export const isEditable = (f: string): f is EditableField => (GRID_FIELDS as readonly string[]).includes(f) && f !== 'no' && f !== 'attention';

export interface CellContext {
	/** The plan's year, for dates typed without one (`4/1`). */
	year: number;
	phaseLabel: (k: PhaseKey) => string;
	statusLabel: (k: TaskStatus) => string;
	/** Every task in plan order (dependencies are written as their 序号). */
	tasks: readonly Task[];
	numbers: ReadonlyMap<string, number>;
	/** The baseline compared with, if any ([T16]). */
	baseline?: BaselineDates | null;
	/** How the plan counts days ([WD9]); calendar days when not given. */
	days?: DayCounter;
}

const INVALID_DATE = 'invalid';

function pick<K extends string>(keys: readonly K[], label: (k: K) => string, raw: string): K | string {
	const s = raw.trim().toLowerCase();
	return keys.find((k) => k === s || label(k).toLowerCase() === s) ?? raw;
}

/**
 * [T10] A cell's text as the field's value. Dates accept what `parseDateInput` does; progress
 * `50`, `50%`; phase and status their key or label; dependencies 序号 or titles separated by
 * commas, 、 or spaces (an unknown one stays as text, which the rules refuse as unknown).
 */
export function parseCell(field: EditableField, raw: string, ctx: CellContext): unknown {
	switch (field) {
		case F.progress: {
			const s = raw.trim().replace(/[%％]$/, '').trim();
			return /^\d+(\.\d+)?$/.test(s) ? Math.round(Number(s)) : Number.NaN;
		}
		case F.start:
		case F.due:
			return parseDateInput(raw, ctx.year) ?? INVALID_DATE;
		case F.phase:
			return pick(PHASES, ctx.phaseLabel, raw);
		case F.status:
			return pick(TASK_STATUSES, ctx.statusLabel, raw);
		case F.deps:
			return parseDeps(raw, ctx);
		default:
			return raw.replace(/\r\n?/g, '\n');
	}
}

/** Dependencies typed or pasted: 序号 (`3, 5`), titles, or ids; `?unknown` for what names none. */
export function parseDeps(raw: string, ctx: Pick<CellContext, 'tasks' | 'numbers'>): string[] {
	const parts = raw
		.split(/[,，、;；\n]+/)
		.map((s) => s.trim().replace(/^#/, ''))
		.filter(Boolean);
	const byNumber = new Map([...ctx.numbers].map(([id, n]) => [String(n), id]));
	return parts.map((p) => byNumber.get(p) ?? ctx.tasks.find((t) => t.id === p || t.title === p)?.id ?? `?${p}`);
}

/** The text a copied cell gives: what the grid shows, so pasting it back restores the value. */
export function cellText(task: Task, field: GridColumn, ctx: CellContext, attention = ''): string {
	switch (field) {
		case 'baseStart':
			return ctx.baseline?.get(task.id)?.start ?? '';
		case 'baseDue':
			return ctx.baseline?.get(task.id)?.due ?? '';
		case 'slip':
			return ctx.baseline ? slipText(slipDays(task, ctx.baseline)) : '';
		case 'no':
			return String(ctx.numbers.get(task.id) ?? '');
		case 'attention':
			return attention;
		case F.phase:
			return ctx.phaseLabel(task.phase);
		case F.status:
			return ctx.statusLabel(task.status);
		case F.progress:
			return String(task.progress);
		case F.deps:
			return task.deps.map((d) => ctx.numbers.get(d) ?? d).join(', ');
		default:
			return task[field];
	}
}
