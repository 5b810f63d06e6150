/**
 * The harness's stand-in for `PlanLive`: the plan's tasks as a rune, replaced whole on every
 * change as `LiveRecords` does, and the early-start links the Gantt page derives from them.
 */
import { earliestStartAfter } from '../../../../src/lib/shared/plan/schedule';
import type { IsoDate, Task } from '../../../../src/lib/shared/plan/types';

export class BenchSource {
	tasks = $state.raw<Task[]>([]);

	/** As the page's `earlyKeys`: links whose successor starts on or before the predecessor's due day. */
	readonly earlyKeys = $derived.by(() => {
		const byId = new Map(this.tasks.map((t) => [t.id, t]));
		const out = new Set<string>();
		for (const t of this.tasks)
			for (const d of t.deps) {
				const p = byId.get(d);
				if (p && d !== t.id && t.start < earliestStartAfter(p.due)) out.add(`${d}>${t.id}`);
			}
		return out;
	});

	/** A remote edit arriving: one task's dates change. */
	setDates(id: string, dates: { start: IsoDate; due: IsoDate }): void {
		this.tasks = this.tasks.map((t) => (t.id === id ? { ...t, ...dates } : t));
	}
}
