/**
 * Reading and writing the plan's and schools' shared types, derived from the document kinds'
 * declarations (`../sync/kinds`). Readers are forgiving: a field a misbehaving client wrote with
 * the wrong type reads as its default rather than throwing, so a projection or a page never
 * breaks on one bad entry; `…Checked` readers also say which fields were invalid.
 */
import type * as Y from 'yjs';
import { baselines, goals, indicators, milestoneTemplates, phases, tasks } from '../sync/kinds/plan';
import { milestones } from '../sync/kinds/school';
import { pairingSettings, pairings } from '../sync/kinds/pairings';
import type { BaselineRecord } from './baselines';
import type { GoalGroup, Indicator, Milestone, Pairing, Phase, PhaseKey, Task } from './types';

export { goals as goalsCollection, indicators as indicatorsCollection, milestones as milestonesCollection };
export { pairings as pairingsCollection, phases as phasesCollection, tasks as tasksCollection };
export { milestoneTemplates as templatesCollection };
export { baselines as baselinesCollection };
export { pairingSettings as pairingSettingsCollection };

export const tasksMap = (doc: Y.Doc) => tasks.map(doc);
export const milestonesMap = (doc: Y.Doc) => milestones.map(doc);

/** Every task in table order (its fractional `order`, then id). */
export const readTasks = (doc: Y.Doc): Task[] => tasks.readAll(doc);
export const readTasksChecked = (doc: Y.Doc) => tasks.readAllChecked(doc);

/** Creates or replaces a task as a fresh `Y.Map` (trusted callers: seeds, tests, imports). */
export function writeTask(doc: Y.Doc, task: Task): void {
	tasks.create(doc, task);
}

export function readPhases(doc: Y.Doc): Phase[] {
	return phases.readAll(doc).map(({ id, ...p }) => ({ key: id as PhaseKey, ...p }));
}

export function writePhase(doc: Y.Doc, { key, ...phase }: Phase): void {
	phases.create(doc, { id: key, ...phase });
}

export const readGoals = (doc: Y.Doc): GoalGroup[] => goals.readAll(doc);
export const writeGoal = (doc: Y.Doc, goal: GoalGroup) => void goals.create(doc, goal);
export const readIndicators = (doc: Y.Doc): Indicator[] => indicators.readAll(doc);
export const writeIndicator = (doc: Y.Doc, ind: Indicator) => void indicators.create(doc, ind);

export const readMilestones = (doc: Y.Doc): Milestone[] => milestones.readAll(doc);
export const writeMilestone = (doc: Y.Doc, ms: Milestone) => void milestones.create(doc, ms);

export const readPairings = (doc: Y.Doc): Pairing[] => pairings.readAll(doc);
export const writePairing = (doc: Y.Doc, p: Pairing) => void pairings.create(doc, p);

export const readBaselines = (doc: Y.Doc): BaselineRecord[] => baselines.readAll(doc);
export const writeBaseline = (doc: Y.Doc, b: BaselineRecord) => baselines.create(doc, b);
