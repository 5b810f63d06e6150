/**
 * Applying the plan's milestone templates to pilot schools ([M1]) through the server-side write
 * path: each school's room gets the milestones it lacks, attributed to the leader who applied
 * them, stored and broadcast to anyone who has the school open.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index';
import { schools } from '../db/schema';
import { applyToRoom } from '../runtime';
import { templatesCollection } from '../../shared/plan/doc';
import { applyTemplatesToDoc, templateFits } from '../../shared/plan/templates';
import type { MilestoneTemplate, SchoolType } from '../../shared/plan/types';

export interface ApplyScope {
	/** Only pilot schools of this type (else every pilot school). */
	schoolType?: SchoolType | null;
	/** Only this pilot school. */
	schoolId?: string | null;
}

export interface ApplyResult {
	schools: number;
	created: number;
}

export async function applyMilestoneTemplates(
	db: Db,
	planId: string,
	userId: string,
	scope: ApplyScope = {}
): Promise<ApplyResult> {
	// Read through the live room: the templates as everyone sees them now (nothing is written).
	const templates: MilestoneTemplate[] = await applyToRoom({ kind: 'plan', planId }, userId, (doc) =>
		templatesCollection.readAll(doc).filter((t) => t.due !== '')
	);
	const targets = await db
		.select({ id: schools.id, type: schools.type })
		.from(schools)
		.where(
			and(
				eq(schools.planId, planId),
				eq(schools.pilot, true),
				scope.schoolType ? eq(schools.type, scope.schoolType) : undefined,
				scope.schoolId ? eq(schools.id, scope.schoolId) : undefined
			)
		);
	let created = 0;
	for (const school of targets) {
		const fitting = templates.filter((t) => templateFits(t, school.type));
		if (fitting.length === 0) continue;
		created += await applyToRoom({ kind: 'school', planId, schoolId: school.id }, userId, (doc) =>
			applyTemplatesToDoc(doc, fitting)
		);
	}
	return { schools: targets.length, created };
}
