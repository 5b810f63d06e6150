import { describe, expect, it } from 'vitest';
import { moveAfterPredecessors } from './reschedule';

const phases = [{ key: 'launch' as const, end: '2026-03-31' }];
const t = (id: string, start: string, due: string, deps: string[] = []) => ({ id, start, due, deps, phase: 'launch' as const });

describe('moveAfterPredecessors', () => {
	it('[S13] moves the task to the day after its latest predecessor, keeping its length', () => {
		const r = moveAfterPredecessors([t('a', '2026-03-01', '2026-03-10'), t('x', '2026-03-01', '2026-03-12'), t('b', '2026-03-05', '2026-03-07', ['a', 'x'])], 'b', phases);
		expect(r).toEqual({ ok: true, moves: [{ id: 'b', start: '2026-03-13', due: '2026-03-15' }] });
	});
	it('[S13] pushes successors that would start too early, and leaves ones with room alone', () => {
		const tasks = [
			t('a', '2026-03-01', '2026-03-10'),
			t('b', '2026-03-05', '2026-03-07', ['a']),
			t('c', '2026-03-09', '2026-03-11', ['b']),
			t('d', '2026-03-25', '2026-03-26', ['b'])
		];
		expect(moveAfterPredecessors(tasks, 'b', phases)).toEqual({
			ok: true,
			moves: [
				{ id: 'b', start: '2026-03-11', due: '2026-03-13' },
				{ id: 'c', start: '2026-03-14', due: '2026-03-16' }
			]
		});
	});
	it('[S13] refuses, moving nothing, when a task would leave its phase', () => {
		const tasks = [t('a', '2026-03-01', '2026-03-28'), t('b', '2026-03-20', '2026-03-25', ['a'])];
		expect(moveAfterPredecessors(tasks, 'b', phases)).toEqual({ ok: false, taskId: 'b', error: 'outside_phase' });
	});
	it('[S13] a task already after its predecessors is not moved', () => {
		expect(moveAfterPredecessors([t('a', '2026-03-01', '2026-03-02'), t('b', '2026-03-03', '2026-03-04', ['a'])], 'b', phases)).toEqual({ ok: true, moves: [] });
	});
});
