/**
 * Who sees and edits briefings: admins and leaders draft, edit and publish, and see drafts; every
 * other member sees published briefings only (a draft is a 404 to them, as if it did not exist).
 */
import type { PlanMember } from '../../shared/sync/access';
import { isSteering } from '../../shared/supervision/membership';

export const editsBriefings = isSteering;

export const seesBriefing = (m: PlanMember, b: { status: 'draft' | 'published' }): boolean => b.status === 'published' || editsBriefings(m);
