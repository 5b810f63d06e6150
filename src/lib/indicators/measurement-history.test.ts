import { describe, expect, it, vi } from 'vitest';
import { evidenceHref, MeasurementHistory } from './measurement-history.svelte';

const row = (id: string, date: string, fileId: string | null = null) => ({
	id, indicatorId: 'g2-1', schoolId: 's01', value: 40, date, source: '', fileId, createdBy: 'u', createdByName: 'U'
});

function server(answers: Response[]) {
	const fetcher = vi.fn(async () => answers.shift() ?? new Response('[]')) as unknown as typeof fetch;
	return { fetcher, history: new MeasurementHistory('demo', 'g2-1', fetcher) };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

describe('MeasurementHistory', () => {
	it('[I8] folded until opened; the first opening reads the history, newest first; folding again reads nothing', async () => {
		const { fetcher, history } = server([json([row('m1', '2026-03-01', 'f1'), row('m2', '2026-04-01')])]);
		expect(history.open).toBe(false);
		expect(fetcher).not.toHaveBeenCalled();
		await history.toggle();
		expect(fetcher).toHaveBeenCalledWith('/api/plans/demo/indicators/g2-1/measurements');
		expect(history.state).toBe('ready');
		expect(history.list.map((m) => m.id)).toEqual(['m2', 'm1']);
		await history.toggle();
		await history.toggle();
		expect(fetcher).toHaveBeenCalledTimes(1);
	});

	it('[I8] moved figures re-read an open history, and a folded one when it opens next', async () => {
		const { fetcher, history } = server([json([row('m1', '2026-03-01')]), json([row('m1', '2026-03-01'), row('m2', '2026-04-01')]), json([])]);
		await history.changed();
		expect(fetcher).not.toHaveBeenCalled();
		await history.toggle();
		await history.changed();
		expect(history.list.map((m) => m.id)).toEqual(['m2', 'm1']);
		await history.toggle();
		await history.changed();
		await history.toggle();
		expect(fetcher).toHaveBeenCalledTimes(3);
	});

	it('[I8] a failed read says so and the next opening tries again', async () => {
		const { history } = server([json({ error: 'x' }, 500), json([row('m1', '2026-03-01')])]);
		await history.toggle();
		expect(history.state).toBe('failed');
		await history.toggle();
		await history.toggle();
		expect(history.state).toBe('ready');
	});

	it('[I8] evidence opens through the file route', () => {
		expect(evidenceHref('f 1')).toBe('/api/files/f%201');
	});
});
