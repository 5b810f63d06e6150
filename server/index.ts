/**
 * Production entry (`npm start`): migrates, starts the one server, and on SIGTERM/SIGINT stores
 * every accepted edit and closes sockets before exiting.
 */
import { closeOnSignals, startApp } from './app';

let app;
try {
	app = await startApp();
} catch (err) {
	console.error(`Could not start: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}

closeOnSignals(app);
