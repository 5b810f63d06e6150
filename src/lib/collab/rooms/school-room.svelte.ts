/**
 * A school room (`school:<planId>:<schoolId>`), opened on demand: one pilot school's milestones
 * as runes and the edits its coordinators and the leaders make, each as one undo step.
 */
import { milestonesCollection } from '../../shared/plan/doc';
import type { IsoDate, Milestone } from '../../shared/plan/types';
import type { Room } from '../../shared/sync/room';
import { LiveRoom } from '../live-room.svelte';

export type SchoolRoomName = Extract<Room, { kind: 'school' }>;

export class SchoolRoom extends LiveRoom<SchoolRoomName> {
	readonly #milestones = this.records(milestonesCollection);

	get milestones(): Milestone[] {
		return this.#milestones.list;
	}

	get invalid(): Map<string, string[]> {
		return this.#milestones.invalid;
	}

	/** Validated edit of one milestone; returns the fields in error, if any. */
	updateMilestone(id: string, patch: Partial<Omit<Milestone, 'id'>>) {
		return this.transact((doc) => milestonesCollection.update(doc, id, patch));
	}

	/** One tap on a phone: done today, at 100% (one undo step). */
	markDone(id: string, today: IsoDate) {
		return this.updateMilestone(id, { status: 'done', progress: 100, doneOn: today });
	}

	/** Back to in progress: the day it was done no longer holds. */
	reopen(id: string) {
		const m = this.#milestones.list.find((x) => x.id === id);
		return this.updateMilestone(id, { status: 'doing', doneOn: undefined, progress: Math.min(m?.progress ?? 0, 90) });
	}
}
