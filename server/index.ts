/**
 * Production entry (`npm start`): migrates, starts the one server, and on SIGTERM/SIGINT stores
 * every accepted edit and closes sockets before exiting.
 */
import { startApp } from './app';

let app;
try {
	app = await startApp();
} catch (err) {
	console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		app.close().then(
			() => process.exit(0),
			(err) => {
				console.error(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
				process.exit(1);
			}
		);
	});
}
