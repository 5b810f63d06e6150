/**
 * Who sees and edits briefings: admins and leaders draft, edit and publish, and see drafts; every
 * other member sees published briefings only (a draft is a 404 to them, as if it did not exist).
 */
import type { PlanMember } from '../../shared/sync/access';

export const editsBriefings = (m: PlanMember): boolean => m.role === 'admin' || m.role === 'leader';

export const seesBriefing = (m: PlanMember, b: { status: 'draft' | 'published' }): boolean => b.status === 'published' || editsBriefings(m);
