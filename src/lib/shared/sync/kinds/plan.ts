/**
 * `plan:<planId>`: the task breakdown table, the four phases, and the goal groups with their
 * indicators. Admins and leaders write; every member reads.
 */
import * as Y from 'yjs';
import {
	INDICATOR_OPS,
	INDICATOR_SCOPES,
	PHASES,
	SCHOOL_TYPES,
	TASK_STATUSES,
	type GoalGroup,
	type Indicator,
	type MilestoneTemplate,
	type Phase,
	type Task
} from '../../plan/types';
import type { BaselineRecord } from '../../plan/baselines';
import { collection, isRecordId } from '../schema';
import { defineKind, leadersWrite, recordRows } from './kind';

/** Text bounds: generous for Chinese task titles, tight enough to keep documents small. */
const TITLE_MAX = 500;
const NAME_MAX = 200;

const byOrder = <T extends { order: string | number }>(a: T, b: T) =>
	a.order < b.order ? -1 : a.order > b.order ? 1 : 0;

export const tasks = collection<Task>({
	key: 'tasks',
	entity: 'task',
	fields: {
		title: { type: 'string', max: TITLE_MAX, required: true },
		workstream: { type: 'string', max: NAME_MAX },
		phase: { type: 'enum', values: PHASES, default: 'launch' },
		unit: { type: 'string', max: NAME_MAX },
		lead: { type: 'string', max: NAME_MAX },
		start: { type: 'date' },
		due: { type: 'date' },
		status: { type: 'enum', values: TASK_STATUSES, default: 'todo' },
		progress: { type: 'int', min: 0, max: 100, default: 0 },
		deps: { type: 'list', of: 'id' },
		order: { type: 'string', max: 200 }
	},
	compare: byOrder
});

/** A task's field names as constants (`TASK_FIELD.due === 'due'`), from the declaration above. */
export const TASK_FIELD = tasks.field;

/** Phases are keyed by phase (`launch`…) rather than by id; `key` is that id. */
type PhaseRecord = Omit<Phase, 'key'> & { id: string };

export const phases = collection<PhaseRecord>({
	key: 'phases',
	entity: 'phase',
	fields: {
		name: { type: 'string', max: NAME_MAX },
		start: { type: 'date' },
		end: { type: 'date' }
	},
	ids: PHASES
});

export const goals = collection<GoalGroup>({
	key: 'goals',
	entity: 'goal',
	fields: {
		title: { type: 'string', max: TITLE_MAX, required: true },
		order: { type: 'int', min: 0, max: 1_000_000, default: 0 }
	},
	compare: byOrder
});

export const indicators = collection<Indicator>({
	key: 'indicators',
	entity: 'indicator',
	fields: {
		group: { type: 'string', max: 64 },
		name: { type: 'string', max: NAME_MAX, required: true },
		op: { type: 'enum', values: INDICATOR_OPS, default: '>=' },
		target: { type: 'number', default: 0 },
		unit: { type: 'string', max: 32 },
		baseline: { type: 'number', nullable: true, default: null },
		scope: { type: 'enum', values: INDICATOR_SCOPES, default: 'district' },
		order: { type: 'int', min: 0, max: 1_000_000, default: 0 }
	},
	compare: (a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.order - b.order)
});

/**
 * Milestones every pilot school must reach, defined by the leading group and applied to the
 * schools' rooms (as `tpl-<id>` milestones, so applying again adds only what is new). `types`
 * limits a template to some school types; empty means every pilot school.
 */
export const milestoneTemplates = collection<MilestoneTemplate>({
	key: 'milestoneTemplates',
	entity: 'milestone_template',
	fields: {
		title: { type: 'string', max: 500, required: true },
		phase: { type: 'enum', values: PHASES, default: 'pilot' },
		due: { type: 'date' },
		types: { type: 'list', of: SCHOOL_TYPES },
		order: { type: 'int', min: 0, max: 1_000_000, default: 0 }
	},
	compare: (a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.order - b.order)
});

/**
 * Saved baselines (the Gantt's "save baseline"): one record each, its task dates as compact JSON
 * in `tasks`, validated on read by `parseBaselineDates` ([L2]). A string rather than one field
 * per task: a baseline is written once, never edited field by field, and stays one small record.
 */
export const baselines = collection<BaselineRecord>({
	key: 'baselines',
	entity: 'baseline',
	fields: {
		name: { type: 'string', max: NAME_MAX, required: true },
		savedAt: { type: 'string', max: 40 },
		// ~40 bytes a task: room for 20,000 tasks.
		tasks: { type: 'string', max: 1_000_000 }
	},
	compare: (a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : 0)
});

/**
 * [K2] Documents written before indicators had their own maps kept them as one plain JSON array
 * `indicators` inside each goal group's map. Each entry becomes a record of `indicators` (its id
 * kept, or `<group>-<n>`), and the array is removed. Runs once: an upgraded document has none.
 */
export function upgradeIndicators(doc: Y.Doc): boolean {
	const groups = goals.map(doc);
	const legacy: [string, unknown[]][] = [];
	groups.forEach((m, id) => {
		const arr = m instanceof Y.Map ? m.get('indicators') : undefined;
		if (arr !== undefined) legacy.push([id, Array.isArray(arr) ? arr : []]);
	});
	if (legacy.length === 0) return false;
	doc.transact(() => {
		for (const [group, list] of legacy) {
			list.forEach((raw, n) => {
				const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
				const id = isRecordId(o.id) && !indicators.map(doc).has(o.id) ? o.id : `${group}-${n + 1}`;
				// Values that do not validate are kept as they were, to show as invalid and be fixed.
				const m = new Y.Map<unknown>();
				const fields: Record<string, unknown> = {
					group,
					name: o.name ?? '',
					op: o.op ?? '>=',
					target: o.target ?? 0,
					unit: o.unit ?? '',
					baseline: o.baseline ?? null,
					scope: o.scope ?? 'district',
					order: n
				};
				for (const [k, v] of Object.entries(fields)) m.set(k, v);
				indicators.map(doc).set(id, m);
			});
			(groups.get(group) as Y.Map<unknown>).delete('indicators');
		}
	});
	return true;
}

export const planKind = defineKind<{ kind: 'plan'; planId: string }>({
	kind: 'plan',
	parse: (parts) => (parts.length === 1 && isRecordId(parts[0]) ? { kind: 'plan', planId: parts[0] } : null),
	name: (room) => `plan:${room.planId}`,
	access: (member) => leadersWrite(member),
	collections: [tasks, phases, goals, indicators, milestoneTemplates, baselines],
	upgrade: upgradeIndicators,
	project: (room, doc) => [
		recordRows(doc, 'tasks', { planId: room.planId }, tasks, (t) => ({ planId: room.planId, ...t })),
		{
			table: 'phases',
			scope: { planId: room.planId },
			rows: phases.readAll(doc).map(({ id, ...p }) => ({ planId: room.planId, key: id, ...p }))
		}
	]
});
