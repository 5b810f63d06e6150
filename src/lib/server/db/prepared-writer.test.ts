import { describe, expect, it } from 'vitest';
import { InlineCommits, type PositionalStatement } from './prepared-writer';

/** A connection whose commits take `cost()` ms on a fake clock, or throw `fail()`. */
function fakeConnection() {
	const clock = { t: 0 };
	const state = { cost: 0.1, fail: null as Error | null, runs: 0, opens: 0 };
	const inline = new InlineCommits(
		{ url: 'file:unused' },
		{
			now: () => clock.t,
			open: () => {
				state.opens++;
				return {
					run: () => {
						if (state.fail) throw state.fail;
						state.runs++;
						clock.t += state.cost;
					},
					close: () => {}
				};
			}
		}
	);
	return { inline, clock, state };
}

const batch: PositionalStatement[] = [{ sql: 'INSERT INTO t VALUES (?)', args: [1] }];

describe('inline commits', () => {
	it('[Y33] commit quick batches inline and hand a busy or failing one to the thread', () => {
		const { inline, state } = fakeConnection();
		expect(inline.tryRun(batch)).toBe(true);
		expect(inline.tryRun(batch)).toBe(true);
		state.fail = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
		expect(inline.tryRun(batch)).toBe(false);
		state.fail = null;
		expect(inline.tryRun(batch)).toBe(true);
		expect(state.runs).toBe(3);
		expect(inline.paused).toBe(false);
		expect(inline.counts).toEqual({ inline: 3, declined: 1, pauses: 0 });
	});

	it('[Y33] pause after one slow commit, for longer each time commits are still slow, and reset once quick', () => {
		const { inline, clock, state } = fakeConnection();
		state.cost = 6;
		expect(inline.tryRun(batch)).toBe(true); // it ran, and it was slow: paused from now
		expect(inline.paused).toBe(true);
		expect(inline.tryRun(batch)).toBe(false);
		clock.t += 10_000;
		expect(inline.paused).toBe(false);
		expect(inline.tryRun(batch)).toBe(true); // still slow: the next pause is 20 s
		clock.t += 10_000;
		expect(inline.paused).toBe(true);
		clock.t += 10_000;
		expect(inline.paused).toBe(false);
		state.cost = 0.1;
		for (let i = 0; i < 5; i++) expect(inline.tryRun(batch)).toBe(true);
		state.cost = 6;
		inline.tryRun(batch);
		clock.t += 10_001; // quick commits in between reset the pause to 10 s
		expect(inline.paused).toBe(false);
		expect(inline.counts.pauses).toBe(3);
	});

	it('[Y33] pause when the moving mean passes 1 ms, although no one commit passes 5 ms', () => {
		const { inline, state } = fakeConnection();
		state.cost = 3;
		let ran = 0;
		while (inline.tryRun(batch) && ran < 50) ran++;
		expect(ran).toBeGreaterThan(0);
		expect(ran).toBeLessThan(10);
		expect(inline.paused).toBe(true);
	});

	it('[Y33] pause when the connection cannot be opened, and try again after', () => {
		const clock = { t: 0 };
		let opens = 0;
		const inline = new InlineCommits(
			{ url: 'file:unused' },
			{
				now: () => clock.t,
				open: () => {
					if (opens++ === 0) throw new Error('unable to open database file');
					return { run: () => {}, close: () => {} };
				}
			}
		);
		expect(inline.tryRun(batch)).toBe(false);
		expect(inline.paused).toBe(true);
		clock.t += 10_000;
		expect(inline.tryRun(batch)).toBe(true);
	});
});
