import { describe, expect, it } from 'vitest';
import { jsonLogger, stdoutLines } from './log';

describe('structured logs', () => {
	it('[Y26] lines of one turn reach stdout as one write, in order, by the end of the turn', async () => {
		const writes: string[] = [];
		const log = jsonLogger(stdoutLines({ write: (s: string) => (writes.push(s), true) } as never));
		for (let i = 0; i < 200; i++) log('socket-open', { room: 'plan:p', user: `u${i}` });
		expect(writes).toHaveLength(0);
		await new Promise((r) => setImmediate(r));
		expect(writes).toHaveLength(1);
		const lines = writes[0].trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(lines.map((l) => l.user)).toEqual(Array.from({ length: 200 }, (_, i) => `u${i}`));
		expect(lines[0]).toMatchObject({ level: 'info', event: 'socket-open', room: 'plan:p' });
		log('socket-close', { room: 'plan:p' });
		await new Promise((r) => setImmediate(r));
		expect(writes).toHaveLength(2);
	});
});
