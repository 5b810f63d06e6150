/**
 * The latency section's rows of the bench table: per workload, pinning and client count, ours
 * beside both peers with the issue's targets. Absolute: p99 ≤ 5 ms at 50 clients and ≤ 12 ms at
 * 200 in every workload; the server's own receive → broadcast time (`sync_edit_wait_seconds`)
 * p99 ≤ 2 ms at 200. Relative, in the pinned runs (each server on one core, the load generator
 * on the other): p99 ≤ Hocuspocus's and ≤ 1.25× the in-memory reference's.
 */
import type { PeerName } from './servers';
import type { RunProfile } from './profile';
import { median, summarize, type Summary } from './stats';
import type { Row } from './table';

export type Workload = 'writers' | 'typist';
export type Pinning = 'pinned' | 'unpinned';

export interface LatencyRun {
	server: PeerName;
	workload: Workload;
	pinning: Pinning;
	clients: number;
	repetition: number;
	latency: Summary;
	observed: Summary;
	perEditMax: number[];
	perEditMin: number[];
	expected: number;
	connectMs: number;
	/** CPU time / wall time during the call (connect, setup and edits); 1 = one core. */
	serverCpu: number | null;
	clientCpu: number;
	closedEarly: number;
	/** Ours only: event-loop delay, store, broadcast and GC during the run (from /metrics). */
	profile?: RunProfile;
}

/** Both repetitions of one server, workload, pinning and client count together. */
export interface PooledLatency {
	server: PeerName;
	workload: Workload;
	pinning: Pinning;
	clients: number;
	latency: Summary;
	expected: number;
}

/** The absolute p99 target at a client count (ms), where the issue sets one. */
export function p99Target(clients: number): number | null {
	return clients <= 50 ? 5 : clients <= 200 ? 12 : null;
}

const WORKLOAD_LABEL: Record<Workload, string> = {
	writers: '20 writers',
	typist: '1 typist, official y-websocket readers'
};

export function latencyRows(
	runs: LatencyRun[],
	pooled: PooledLatency[],
	o: { clientCounts: number[]; workloads: Workload[]; pinnings: Pinning[]; peers: PeerName[]; canPin: boolean }
): Row[] {
	const rows: Row[] = [];
	if (!o.canPin) rows.push({ metric: 'pinned runs', unit: '', note: 'taskset is not available (or one core): every run below is unpinned' });
	for (const workload of o.workloads) {
		for (const pinning of o.pinnings) {
			for (const n of o.clientCounts) {
				const label = `${WORKLOAD_LABEL[workload]}, ${pinning}, @${n}`;
				const lat = (server: PeerName) => pooled.find((r) => r.server === server && r.clients === n && r.workload === workload && r.pinning === pinning);
				const these = (server: PeerName) => runs.filter((r) => r.server === server && r.clients === n && r.workload === workload && r.pinning === pinning);
				const peerValue = (server: PeerName, v: number | undefined) => (v !== undefined ? v : o.peers.includes(server) ? null : undefined);
				const [ours, ref, hp] = (['ours', 'reference', 'hocuspocus'] as const).map(lat);
				const abs = p99Target(n);
				rows.push({ metric: `edit latency p50 · ${label}`, ours: ours?.latency.p50 ?? null, reference: peerValue('reference', ref?.latency.p50), hocuspocus: peerValue('hocuspocus', hp?.latency.p50), unit: 'ms' });
				rows.push({
					metric: `edit latency p99 · ${label}`,
					ours: ours?.latency.p99 ?? null,
					reference: peerValue('reference', ref?.latency.p99),
					hocuspocus: peerValue('hocuspocus', hp?.latency.p99),
					unit: 'ms',
					target: abs !== null ? `≤ ${abs} ms` : undefined,
					pass: abs !== null && ours ? ours.latency.p99 <= abs : abs !== null ? null : undefined
				});
				if (pinning === 'pinned') {
					const vsHp = ours && hp ? ours.latency.p99 <= hp.latency.p99 : null;
					const vsRef = ours && ref ? ours.latency.p99 <= 1.25 * ref.latency.p99 : null;
					rows.push({
						metric: `  p99 against the peers · ${label}`,
						unit: '',
						target: '≤ hp, ≤ 1.25× ref',
						pass: vsHp === null || vsRef === null ? null : vsHp && vsRef,
						note: `ours/hp ${ours && hp ? (ours.latency.p99 / hp.latency.p99).toFixed(2) : '—'}×, ours/ref ${ours && ref ? (ours.latency.p99 / ref.latency.p99).toFixed(2) : '—'}×`
					});
				}
				rows.push({ metric: `  max · ${label}`, ours: ours?.latency.max ?? null, reference: peerValue('reference', ref?.latency.max), hocuspocus: peerValue('hocuspocus', hp?.latency.max), unit: 'ms' });
				const first = (server: PeerName) => {
					const mins = these(server).flatMap((x) => x.perEditMin ?? []).filter(Number.isFinite);
					return mins.length ? summarize(mins).p99 : undefined;
				};
				rows.push({ metric: `  first receiver p99 (per edit) · ${label}`, ours: first('ours') ?? null, reference: peerValue('reference', first('reference')), hocuspocus: peerValue('hocuspocus', first('hocuspocus')), unit: 'ms' });
				const got = (x?: PooledLatency) => (x ? `${x.latency.count}/${x.expected}` : '—');
				const perRun = (server: PeerName) => these(server).map((x) => x.latency.p99.toFixed(1)).join(' / ') || '—';
				const connect = (server: PeerName) => {
					const r = these(server);
					return r.length ? `${median(r.map((x) => x.connectMs)).toFixed(0)}` : '—';
				};
				rows.push({
					metric: `  samples, p99 per run, connect ms · ${label}`,
					unit: '',
					note: `received/expected ours ${got(ours)} ref ${got(ref)} hp ${got(hp)}; p99 run 1 / run 2: ours ${perRun('ours')}, ref ${perRun('reference')}, hp ${perRun('hocuspocus')}; connect+sync ours ${connect('ours')}, ref ${connect('reference')}, hp ${connect('hocuspocus')}`
				});
				const prof = these('ours').map((x) => x.profile).filter((x): x is RunProfile => !!x);
				if (prof.length) {
					const f = (xs: number[], d = 1) => xs.map((x) => x.toFixed(d)).join(' / ');
					const waitP99 = Math.max(...prof.map((x) => x.editWait.p99Ms ?? Infinity));
					rows.push({
						metric: `  ours: receive → broadcast p99 (edit wait) · ${label}`,
						ours: waitP99,
						unit: 'ms',
						target: n >= 200 ? '≤ 2 ms' : undefined,
						pass: n >= 200 ? waitP99 <= 2 : undefined,
						note: `bucket bound, worse run; mean ${f(prof.map((x) => x.editWait.meanMs), 2)} ms; store mean ${f(prof.map((x) => x.store.meanMs), 2)} ms; broadcast mean ${f(prof.map((x) => x.broadcast.meanMs), 3)} ms; loop delay max ${f(prof.map((x) => x.eventLoopDelayMs.max))} ms; GC ${prof.map((x) => `${x.gc.count}×/${x.gc.totalMs.toFixed(0)} ms`).join(' / ')}`
					});
				}
			}
		}
	}
	return rows;
}
