/**
 * Queries built and prepared once per database, for the few that run on every request and every
 * sync upgrade (the session, the plan, the membership).
 *
 * Why: drizzle builds a query's SQL from its objects on every call, and for these small lookups
 * that cost more than running them: at 200 clients joining one room within a second, building
 * the three upgrade queries was a seventh of the event loop's busy time (profile of the stall
 * bench). A prepared query keeps its SQL and takes only the values (`sql.placeholder`).
 */
import type { Db } from './index';

/** `build(db)` once per `db` (a transaction object included), cached beside it. */
export function preparedPer<T>(build: (db: Db) => T): (db: Db) => T {
	const cache = new WeakMap<Db, T>();
	return (db) => {
		let query = cache.get(db);
		if (query === undefined) cache.set(db, (query = build(db)));
		return query;
	};
}
