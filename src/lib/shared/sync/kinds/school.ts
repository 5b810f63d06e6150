/**
 * `school:<planId>:<schoolId>`: one pilot school's milestones. Admins, leaders and that school's
 * coordinators write; every member of the plan reads.
 */
import { PHASES, TASK_STATUSES, type Milestone } from '../../plan/types';
import { collection, isRecordId } from '../schema';
import { defineKind, leadersWrite, recordRows } from './kind';

export const milestones = collection<Milestone>({
	key: 'milestones',
	entity: 'milestone',
	fields: {
		title: { type: 'string', max: 500, required: true },
		phase: { type: 'enum', values: PHASES, default: 'launch' },
		due: { type: 'date' },
		status: { type: 'enum', values: TASK_STATUSES, default: 'todo' },
		progress: { type: 'int', min: 0, max: 100, default: 0 },
		doneOn: { type: 'date', optional: true },
		note: { type: 'string', max: 4000 }
	},
	compare: (a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)
});

/** A milestone's field names as constants, from the declaration above. */
export const MILESTONE_FIELD = milestones.field;

export const schoolKind = defineKind<{ kind: 'school'; planId: string; schoolId: string }>({
	kind: 'school',
	parse: (parts) =>
		parts.length === 2 && isRecordId(parts[0]) && isRecordId(parts[1])
			? { kind: 'school', planId: parts[0], schoolId: parts[1] }
			: null,
	name: (room) => `school:${room.planId}:${room.schoolId}`,
	access: (member, room) => {
		const base = leadersWrite(member);
		if (base !== 'read') return base;
		// Coordinators write their own school's room only.
		return member!.role === 'coordinator' && member!.schoolId !== null && member!.schoolId === room.schoolId
			? 'write'
			: 'read';
	},
	collections: [milestones],
	project: (room, doc) => [
		recordRows(doc, 'milestones', { planId: room.planId, schoolId: room.schoolId }, milestones, ({ doneOn, ...m }) => ({
			planId: room.planId,
			schoolId: room.schoolId,
			...m,
			doneOn: doneOn ?? null
		}))
	]
});
