/** One colour per visit kind, shared by the charts and their legends. */
import type { VisitKind } from '$lib/shared/plan/types';

export const KIND_COLORS: Record<VisitKind, string> = {
	cadre_rotation: '#1d4ed8',
	teacher_exchange: '#0f766e',
	resource_sharing: '#b45309',
	lesson_observation: '#7c3aed',
	joint_research: '#be185d',
	other: '#64748b'
};
