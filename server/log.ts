/**
 * Structured logs: one JSON line per event on stdout, `{ "time", "level", "event", …fields }`.
 * Fields carry ids (room, user, counts, durations), never document content: an update's bytes,
 * a task title or a presence state does not belong in a log line.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = { level?: LogLevel } & Record<string, LogValue>;

/** `log('store-failed', { room, attempt, level: 'warn' })`. */
export type Log = (event: string, fields?: LogFields) => void;

/**
 * Lines to stdout, gathered over one turn of the event loop and written together. Why: stdout to
 * a pipe is a synchronous write on Linux, and each one wakes the reader (a log collector, the
 * bench), which on a busy core preempts the server: two hundred clients joining at once were two
 * hundred socket-open lines, and their writes a third of a 19 ms turn in the stall profile. What
 * is gathered is written at the end of the turn, or at exit; a `kill -9` loses at most one turn's.
 */
export function stdoutLines(out: Pick<NodeJS.WriteStream, 'write'> = process.stdout): (line: string) => void {
	let pending: string[] = [];
	const flush = () => {
		if (pending.length === 0) return;
		const text = pending.join('');
		pending = [];
		out.write(text);
	};
	process.once('exit', flush);
	return (line) => {
		if (pending.length === 0) setImmediate(flush);
		pending.push(line + '\n');
	};
}

/** A logger writing one JSON line per event; `write` is stdout unless a test collects lines. */
export function jsonLogger(write: (line: string) => void = stdoutLines()): Log {
	return (event, fields = {}) => {
		const { level = 'info', ...rest } = fields;
		write(JSON.stringify({ time: new Date().toISOString(), level, event, ...rest }));
	};
}

/** The message of an error for a log field (library text stays in the log, [Y23]). */
export function errorText(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
