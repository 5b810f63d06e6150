/**
 * The one-click fix for a task that starts before a predecessor ends: move it to the day after
 * its latest predecessor's due day, keeping its length, and push every successor that would then
 * start too early along with it. Pure: it returns the moves, the caller writes them as one undo
 * step. Rule id [S13] is in tests/SPEC.md.
 */
import { addDays, daysBetween } from './dates';
import { earliestStartAfter } from './schedule';
import type { IsoDate, Phase, Task } from './types';

type Movable = Pick<Task, 'id' | 'phase' | 'start' | 'due' | 'deps'>;

export interface Move {
	id: string;
	start: IsoDate;
	due: IsoDate;
}

export type RescheduleResult =
	| { ok: true; moves: Move[] }
	/** A move would leave the task's phase (or the plan): nothing is moved. */
	| { ok: false; taskId: string; error: 'outside_phase' | 'cycle' };

/**
 * [S13] Moves `taskId` after its predecessors and pushes successors forward as far as [S7] needs,
 * each keeping its length; tasks that already start late enough are not moved. Refused, moving
 * nothing, when a moved task would end after its phase's end (or `planEnd`).
 */
export function moveAfterPredecessors(
	tasks: readonly Movable[],
	taskId: string,
	phases: readonly Pick<Phase, 'key' | 'end'>[],
	planEnd?: IsoDate
): RescheduleResult {
	const current = new Map(tasks.map((t) => [t.id, { start: t.start, due: t.due }]));
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const successors = new Map<string, string[]>();
	for (const t of tasks) for (const d of t.deps) if (d !== t.id) (successors.get(d) ?? successors.set(d, []).get(d)!).push(t.id);
	const moved = new Map<string, Move>();
	const queue = [taskId];
	let steps = 0;
	while (queue.length) {
		if (++steps > tasks.length * tasks.length + 10) return { ok: false, taskId, error: 'cycle' };
		const id = queue.shift()!;
		const t = byId.get(id);
		if (!t) continue;
		const dates = current.get(id)!;
		let earliest: IsoDate | null = null;
		for (const d of t.deps) {
			const p = current.get(d);
			if (!p || d === id) continue;
			const e = earliestStartAfter(p.due);
			if (earliest === null || e > earliest) earliest = e;
		}
		if (earliest === null || dates.start >= earliest) continue;
		const due = addDays(earliest, daysBetween(dates.start, dates.due));
		const end = phases.find((p) => p.key === t.phase)?.end;
		if ((end && due > end) || (planEnd && due > planEnd)) return { ok: false, taskId: id, error: 'outside_phase' };
		current.set(id, { start: earliest, due });
		moved.set(id, { id, start: earliest, due });
		queue.push(...(successors.get(id) ?? []));
	}
	return { ok: true, moves: [...moved.values()] };
}
