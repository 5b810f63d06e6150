/** Our `GanttChart`, mounted with the props the Gantt page gives it, on the bench plan. */
import { mount, tick } from 'svelte';
import GanttChart from '../../../../src/lib/gantt/GanttChart.svelte';
import { GanttView } from '../../../../src/lib/gantt/gantt-view.svelte';
import { BENCH_PHASES, BENCH_PLAN, BENCH_TODAY, benchTasks, shiftDate } from '../plan';
import { frameTimes, untilPainted } from '../probe';
import { BenchSource } from './source.svelte';

const source = new BenchSource();
const tasks = benchTasks();
const target = document.getElementById('app')!;
let chart: { zoomTo: (z: GanttView['zoom'], anchor?: number) => Promise<void> } | null = null;
const frame = () => target.querySelector<HTMLElement>('.frame')!;
const ZOOM_CYCLE = ['week', 'month', 'quarter', 'plan', 'quarter', 'month'] as const;

window.bench = {
	async mount() {
		const t0 = performance.now();
		source.tasks = tasks;
		const view = new GanttView({ tasks: () => source.tasks, phases: () => BENCH_PHASES, plan: () => BENCH_PLAN });
		chart = mount(GanttChart, {
			target,
			props: {
				view,
				phases: BENCH_PHASES,
				today: BENCH_TODAY,
				editable: true,
				critical: null,
				baseline: null,
				peerDrags: [],
				get earlyStarts() {
					return source.earlyKeys;
				},
				onmove: () => {},
				onprogress: () => {},
				onlink: () => {},
				onarrow: () => {},
				onopen: () => {},
				onpreview: () => {},
				onreadonly: () => {}
			}
		}) as typeof chart;
		const painted = await untilPainted(() => !!target.querySelector('.bar[data-task-id]'));
		return painted - t0;
	},
	domNodes: () => frame().querySelectorAll('*').length,
	counts: () => ({
		bars: target.querySelectorAll('.bar[data-task-id]').length,
		arrows: target.querySelectorAll('[data-link]').length,
		names: target.querySelectorAll('.names .name').length
	}),
	async scroll(axis, frames, px) {
		const f = frame();
		f.scrollLeft = 0;
		f.scrollTop = 0;
		await untilPainted(() => true);
		return frameTimes(frames, () => (axis === 'x' ? (f.scrollLeft += px) : (f.scrollTop += px)));
	},
	async zoom(frames) {
		return frameTimes(frames, (i) => void chart!.zoomTo(ZOOM_CYCLE[i % ZOOM_CYCLE.length]));
	},
	async remoteEdit() {
		await chart!.zoomTo('month');
		await tick();
		const el = target.querySelector<SVGElement>('.bar[data-task-id]')!;
		const id = el.dataset.taskId!;
		const t = source.tasks.find((x) => x.id === id)!;
		const start = shiftDate(t.start, 3);
		const t0 = performance.now();
		source.setDates(id, { start, due: shiftDate(t.due, 3) });
		const painted = await untilPainted(() => target.querySelector<SVGElement>(`.bar[data-task-id="${id}"]`)?.dataset.start === start);
		return painted - t0;
	}
};
