import { describe, expect, it } from 'vitest';
import { getTableColumns } from 'drizzle-orm';
import * as Y from 'yjs';
import { DOC_KINDS } from '../../shared/sync/kinds/index';
import type { Room } from '../../shared/sync/room';
import { PROJECTION_TABLES } from './projection';

const ROOMS: { [K in Room['kind']]: Extract<Room, { kind: K }> } = {
	plan: { kind: 'plan', planId: 'p1' },
	school: { kind: 'school', planId: 'p1', schoolId: 's1' },
	pairings: { kind: 'pairings', planId: 'p1' }
};

describe('projection against the schema', () => {
	it('[K1] every row a kind projects names only columns of its drizzle table, and every required column', () => {
		for (const [name, kind] of Object.entries(DOC_KINDS) as [Room['kind'], (typeof DOC_KINDS)[Room['kind']]][]) {
			const doc = new Y.Doc();
			// One record of every collection, with the kind's defaults.
			for (const c of kind.collections) c.create(doc, { id: c.def.ids?.[0] ?? 'r1' });
			const groups = kind.project(ROOMS[name] as never, doc);
			expect(groups.length, name).toBeGreaterThan(0);
			for (const group of groups) {
				const columns = getTableColumns(PROJECTION_TABLES[group.table]);
				const names = Object.keys(columns);
				const required = Object.entries(columns)
					.filter(([, col]) => col.notNull && !col.hasDefault)
					.map(([key]) => key);
				for (const key of Object.keys(group.scope)) expect(names, `${name} → ${group.table} scope`).toContain(key);
				expect(group.rows.length, `${name} → ${group.table}`).toBeGreaterThan(0);
				for (const row of group.rows) {
					for (const key of Object.keys(row)) expect(names, `${name} → ${group.table}.${key}`).toContain(key);
					for (const key of required) expect(Object.keys(row), `${name} → ${group.table} lacks ${key}`).toContain(key);
				}
			}
			doc.destroy();
		}
	});
});
