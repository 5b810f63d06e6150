/**
 * [I6] The figures a coordinator's school owes, for the attention page: per plan where the user
 * is a coordinator with a school, that school's school-scope indicators, due ones first by the
 * plan's current reporting cycle. Admins and leaders get none (the list would be every school's).
 */
import type { Db } from '../db';
import type { IsoDate } from '../../shared/plan/types';
import { figuresDue, type FigureDue } from '../../shared/supervision/figures-due';
import { indicatorBoard } from './indicators';
import { getPlanMember } from './members';
import { listPlansForUser, listSchools } from './plans';
import { currentCycle } from './reports';

export interface PlanFigures {
	planId: string;
	schoolId: string;
	schoolName: string;
	figures: FigureDue[];
}

export async function figuresToEnter(db: Db, user: { id: string; displayName: string; isAdmin: boolean }, today: IsoDate): Promise<PlanFigures[]> {
	const out: PlanFigures[] = [];
	for (const plan of await listPlansForUser(db, user)) {
		const member = await getPlanMember(db, user.id, plan.id);
		if (member?.role !== 'coordinator' || !member.schoolId) continue;
		const [board, { cycle }, schools] = await Promise.all([indicatorBoard(db, plan.id, user.id), currentCycle(db, plan.id, today), listSchools(db, plan.id)]);
		const figures = figuresDue(board.indicators, member.schoolId, cycle);
		if (figures.length) out.push({ planId: plan.id, schoolId: member.schoolId, schoolName: schools.find((s) => s.id === member.schoolId)?.name ?? '', figures });
	}
	return out;
}
