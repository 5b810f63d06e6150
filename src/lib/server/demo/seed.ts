/**
 * Writes the demo workspace into an empty database: accounts, the plan and its relational rows
 * (with the indicators' measurement history) in one batch, then the live documents (plan and each
 * pilot school) as room snapshots with their SQL projections, so the JSON API answers before any
 * room has been opened.
 */
import { eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import * as Y from 'yjs';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/index';
import { memberships, pairings, plans, schools, users, visits } from '../db/schema';
import { briefings, measurements, notices, reportSettings, reports, units } from '../db/supervision-schema';
import { writeDocSnapshot } from '../docs/store';
import { buildDemoMeasurements } from './measurements';
import { projectDoc } from '../services/projection';
import {
	writeGoal,
	writeIndicator,
	writeMilestone,
	writePairing,
	writePhase,
	writeTask
} from '../../shared/plan/doc';
import type { IsoDate } from '../../shared/plan/types';
import type { Room } from '../../shared/sync/room';
import { roomName } from '../../shared/sync/kinds/index';
import { DEMO_PASSWORD, buildDemoWorkspace, type DemoWorkspace } from './data';
import { buildSupervisionDemo, demoBriefing, supervisionRows } from './supervision';

/** The plan's live document: phases, tasks, goal groups and their indicators. */
export function buildPlanDoc(ws: DemoWorkspace): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const p of ws.phases) writePhase(doc, p);
		for (const t of ws.tasks) writeTask(doc, t);
		for (const g of ws.goals) writeGoal(doc, g);
		for (const i of ws.indicators) writeIndicator(doc, i);
	});
	return doc;
}

/** The plan's pairings document (the SQL rows are its projection, visits refer to them). */
export function buildPairingsDoc(ws: DemoWorkspace): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const { strongId, weakId, ...p } of ws.pairings) writePairing(doc, { ...p, strong: strongId, weak: weakId });
	});
	return doc;
}

/** A pilot school's live document: its milestones. */
export function buildSchoolDoc(ws: DemoWorkspace, schoolId: string): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const m of ws.milestones[schoolId] ?? []) writeMilestone(doc, m);
	});
	return doc;
}

/**
 * Seeds the demo workspace as of `today` unless the database already holds a plan.
 * Returns whether it seeded. If writing the documents fails, the plan is removed again (its rows
 * cascade) so the next start seeds afresh instead of finding a half-seeded plan.
 */
export async function seedDemo(db: Db, today: IsoDate): Promise<boolean> {
	const [existing] = await db.select({ id: plans.id }).from(plans).limit(1);
	if (existing) return false;

	const ws = buildDemoWorkspace(today);

	// Accounts that already exist under a demo username (e.g. from an earlier, failed seed) are
	// reused as they are; only missing ones are created.
	const found = await db
		.select({ id: users.id, username: users.username })
		.from(users)
		.where(inArray(users.username, ws.users.map((u) => u.username)));
	const idOf = new Map(found.map((u) => [u.username, u.id]));
	const missing = ws.users.filter((u) => !idOf.has(u.username));
	const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
	for (const u of missing) idOf.set(u.username, u.id);
	const userId = (id: string) => idOf.get(ws.users.find((u) => u.id === id)!.username)!;

	const statements: BatchItem<'sqlite'>[] = [];
	if (missing.length) {
		statements.push(
			db.insert(users).values(
				missing.map((u, i) => ({
					id: u.id,
					username: u.username,
					displayName: u.displayName,
					passwordHash: hashes[i],
					isAdmin: u.isAdmin,
					units: u.units ?? []
				}))
			)
		);
	}
	statements.push(
		db.insert(plans).values(ws.plan),
		db.insert(schools).values(ws.schools.map((s) => ({ ...s, planId: ws.plan.id }))),
		db.insert(memberships).values(
			ws.users.map((u) => ({
				planId: ws.plan.id,
				userId: userId(u.id),
				role: u.role,
				schoolId: u.schoolId
			}))
		),
		db.insert(pairings).values(ws.pairings.map((p) => ({ ...p, planId: ws.plan.id })))
	);
	const history = buildDemoMeasurements(ws);
	if (history.length) {
		statements.push(
			db.insert(measurements).values(history.map((m) => ({ ...m, planId: ws.plan.id, createdBy: userId(m.createdBy) })))
		);
	}
	if (ws.visits.length) {
		statements.push(
			db.insert(visits).values(
				ws.visits.map((v) => ({
					...v,
					planId: ws.plan.id,
					createdBy: userId(v.createdBy),
					confirmedBy: v.confirmedBy ? userId(v.confirmedBy) : null
				}))
			)
		);
	}
	const demoSv = buildSupervisionDemo(ws, today);
	const sv = supervisionRows(ws, demoSv, userId);
	const brief = demoBriefing(ws, demoSv, today, history);
	const leaderId = userId(ws.users.find((u) => u.role === 'leader')!.id);
	statements.push(
		db.insert(briefings).values({
			id: 'demo-briefing-1',
			planId: ws.plan.id,
			periodStart: brief.period.start,
			periodEnd: brief.period.end,
			title: brief.title,
			sections: brief.sections,
			figures: brief.figures,
			status: 'published',
			createdBy: leaderId,
			publishedBy: leaderId,
			publishedAt: brief.publishedAt,
			createdAt: brief.publishedAt - 3_600_000
		})
	);
	statements.push(db.insert(units).values(sv.units), db.insert(reportSettings).values(sv.settings));
	if (sv.reports.length) statements.push(db.insert(reports).values(sv.reports));
	if (sv.notices.length) statements.push(db.insert(notices).values(sv.notices));
	await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);

	try {
		const planId = ws.plan.id;
		const docs: [Room, Y.Doc][] = [
			[{ kind: 'plan', planId }, buildPlanDoc(ws)],
			[{ kind: 'pairings', planId }, buildPairingsDoc(ws)],
			...Object.keys(ws.milestones).map(
				(schoolId): [Room, Y.Doc] => [{ kind: 'school', planId, schoolId }, buildSchoolDoc(ws, schoolId)]
			)
		];
		for (const [room, doc] of docs) {
			await writeDocSnapshot(db, roomName(room), doc);
			await projectDoc(db, room, doc);
		}
	} catch (err) {
		await db.delete(plans).where(eq(plans.id, ws.plan.id));
		throw err;
	}
	return true;
}
