/** SVAR's MIT Gantt (`wx-svelte-gantt` 2.7.0) on the same bench plan, driven through its API. */
import { mount } from 'svelte';
import PeerGantt from './PeerGantt.svelte';
import { BENCH_TASKS, benchTasks } from '../plan';
import { frameTimes, untilPainted } from '../probe';

interface PeerApi {
	exec(action: string, params: unknown): Promise<unknown>;
	getTask(id: number): { start: Date; end: Date };
}

const DAY = 86_400_000;
const local = (d: string) => new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const plan = benchTasks();
const index = new Map(plan.map((t, i) => [t.id, i + 1]));
// Its own input format, prepared before the clock starts: ids, Date objects, an exclusive end.
const tasks = plan.map((t, i) => ({
	id: i + 1,
	text: t.title,
	start: local(t.start),
	end: new Date(local(t.due).getTime() + DAY),
	progress: t.progress,
	type: 'task',
	parent: 0
}));
const links = plan.flatMap((t) => t.deps.map((d) => ({ id: `${index.get(d)}-${index.get(t.id)}`, source: index.get(d)!, target: index.get(t.id)!, type: 'e2s' as const })));
if (tasks.length !== BENCH_TASKS) throw new Error('bench plan size');

const target = document.getElementById('app')!;
let api: PeerApi | null = null;
const vertical = () => target.querySelector<HTMLElement>('.wx-gantt')!;
const horizontal = () => target.querySelector<HTMLElement>('.wx-chart')!;

window.bench = {
	async mount() {
		const t0 = performance.now();
		mount(PeerGantt, { target, props: { tasks, links, oninit: (a: unknown) => (api = a as PeerApi) } });
		const painted = await untilPainted(() => !!target.querySelector('.wx-bar[data-id]'));
		return painted - t0;
	},
	domNodes: () => target.querySelector('.peer')!.querySelectorAll('*').length,
	counts: () => ({
		bars: target.querySelectorAll('.wx-bar[data-id]').length,
		arrows: target.querySelectorAll('.wx-links polyline.wx-line-draw').length,
		names: target.querySelectorAll('.wx-grid .wx-row').length
	}),
	async scroll(axis, frames, px) {
		const v = vertical();
		const h = horizontal();
		h.scrollLeft = 0;
		v.scrollTop = 0;
		await untilPainted(() => true);
		return frameTimes(frames, () => (axis === 'x' ? (h.scrollLeft += px) : (v.scrollTop += px)));
	},
	async zoom(frames) {
		return frameTimes(frames, (i) => void api!.exec('zoom-scale', { dir: i % 12 < 6 ? 1 : -1, offset: 400 }));
	},
	async remoteEdit() {
		const el = target.querySelector<HTMLElement>('.wx-bar[data-id]')!;
		const id = Number(el.dataset.id);
		const before = el.style.left;
		const t = api!.getTask(id);
		const t0 = performance.now();
		void api!.exec('update-task', { id, task: { start: new Date(t.start.getTime() + 3 * DAY), end: new Date(t.end.getTime() + 3 * DAY) } });
		const painted = await untilPainted(() => {
			const now = target.querySelector<HTMLElement>(`.wx-bar[data-id="${id}"]`);
			return !!now && now.style.left !== before;
		});
		return painted - t0;
	}
};
