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

/** A logger writing one JSON line per event; `write` is stdout unless a test collects lines. */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Log {
	return (event, fields = {}) => {
		const { level = 'info', ...rest } = fields;
		write(JSON.stringify({ time: new Date().toISOString(), level, event, ...rest }));
	};
}

/** The message of an error for a log field (library text stays in the log, [Y23]). */
export function errorText(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
