/**
 * Reading and writing the plan's shared types in a Y.Doc. Readers are forgiving: a field a
 * misbehaving client wrote with the wrong type reads as a safe default rather than throwing, so a
 * projection or a page never breaks on one bad entry.
 */
import * as Y from 'yjs';
import { PlanDocKeys, SchoolDocKeys } from '../sync/protocol';
import {
	PHASES,
	TASK_STATUSES,
	type GoalGroup,
	type Milestone,
	type Phase,
	type PhaseKey,
	type Task,
	type TaskStatus
} from './types';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const phaseOf = (v: unknown): PhaseKey =>
	PHASES.includes(v as PhaseKey) ? (v as PhaseKey) : 'launch';
const statusOf = (v: unknown): TaskStatus =>
	TASK_STATUSES.includes(v as TaskStatus) ? (v as TaskStatus) : 'todo';
const progressOf = (v: unknown): number =>
	typeof v === 'number' && Number.isFinite(v) ? Math.min(100, Math.max(0, Math.round(v))) : 0;

export function tasksMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(PlanDocKeys.tasks);
}
export function phasesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(PlanDocKeys.phases);
}
export function goalsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(PlanDocKeys.goals);
}
export function milestonesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(SchoolDocKeys.milestones);
}

export function readTask(id: string, m: Y.Map<unknown>): Task {
	const deps = m.get('deps');
	return {
		id,
		title: str(m.get('title')),
		workstream: str(m.get('workstream')),
		phase: phaseOf(m.get('phase')),
		unit: str(m.get('unit')),
		lead: str(m.get('lead')),
		start: str(m.get('start')),
		due: str(m.get('due')),
		status: statusOf(m.get('status')),
		progress: progressOf(m.get('progress')),
		deps: deps instanceof Y.Array ? deps.toArray().filter((d) => typeof d === 'string') : [],
		order: str(m.get('order'))
	};
}

/** Every task, sorted by its fractional `order` (then id, so equal keys still sort stably). */
export function readTasks(doc: Y.Doc): Task[] {
	const out: Task[] = [];
	tasksMap(doc).forEach((m, id) => {
		if (m instanceof Y.Map) out.push(readTask(id, m));
	});
	return out.sort((a, b) =>
		a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
}

/** Creates or replaces a task as a fresh `Y.Map` (deps as a `Y.Array`). */
export function writeTask(doc: Y.Doc, task: Task): void {
	const m = new Y.Map<unknown>();
	const { id, deps, ...fields } = task;
	for (const [k, v] of Object.entries(fields)) m.set(k, v);
	m.set('deps', Y.Array.from(deps));
	tasksMap(doc).set(id, m);
}

export function readPhases(doc: Y.Doc): Phase[] {
	const map = phasesMap(doc);
	return PHASES.flatMap((key) => {
		const m = map.get(key);
		if (!(m instanceof Y.Map)) return [];
		return [{ key, name: str(m.get('name')), start: str(m.get('start')), end: str(m.get('end')) }];
	});
}

export function writePhase(doc: Y.Doc, phase: Phase): void {
	const m = new Y.Map<unknown>();
	m.set('name', phase.name);
	m.set('start', phase.start);
	m.set('end', phase.end);
	phasesMap(doc).set(phase.key, m);
}

export function readGoals(doc: Y.Doc): GoalGroup[] {
	const out: GoalGroup[] = [];
	goalsMap(doc).forEach((m, id) => {
		if (!(m instanceof Y.Map)) return;
		const indicators = m.get('indicators');
		out.push({
			id,
			title: str(m.get('title')),
			order: typeof m.get('order') === 'number' ? (m.get('order') as number) : 0,
			indicators: Array.isArray(indicators) ? indicators : []
		});
	});
	return out.sort((a, b) => a.order - b.order);
}

export function writeGoal(doc: Y.Doc, goal: GoalGroup): void {
	const m = new Y.Map<unknown>();
	m.set('title', goal.title);
	m.set('order', goal.order);
	m.set('indicators', goal.indicators);
	goalsMap(doc).set(goal.id, m);
}

export function readMilestone(id: string, m: Y.Map<unknown>): Milestone {
	const doneOn = m.get('doneOn');
	return {
		id,
		title: str(m.get('title')),
		phase: phaseOf(m.get('phase')),
		due: str(m.get('due')),
		status: statusOf(m.get('status')),
		progress: progressOf(m.get('progress')),
		...(typeof doneOn === 'string' && doneOn ? { doneOn } : {}),
		note: str(m.get('note'))
	};
}

export function readMilestones(doc: Y.Doc): Milestone[] {
	const out: Milestone[] = [];
	milestonesMap(doc).forEach((m, id) => {
		if (m instanceof Y.Map) out.push(readMilestone(id, m));
	});
	return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
}

export function writeMilestone(doc: Y.Doc, ms: Milestone): void {
	const m = new Y.Map<unknown>();
	const { id, doneOn, ...fields } = ms;
	for (const [k, v] of Object.entries(fields)) m.set(k, v);
	if (doneOn) m.set('doneOn', doneOn);
	milestonesMap(doc).set(id, m);
}
