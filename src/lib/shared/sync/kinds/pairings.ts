/**
 * `pairings:<planId>`: the plan's strong–weak school pairings (强校带弱校). Admins and leaders
 * write; every member reads. Visits stay relational (they are logged through the API).
 */
import { PAIRING_MODES, type Pairing } from '../../plan/types';
import { collection, isRecordId } from '../schema';
import { defineKind, leadersWrite } from './kind';

export const pairings = collection<Pairing>({
	key: 'pairings',
	entity: 'pairing',
	fields: {
		strong: { type: 'string', max: 64, required: true },
		weak: { type: 'string', max: 64, required: true },
		modes: { type: 'list', of: PAIRING_MODES },
		start: { type: 'date' },
		end: { type: 'date' },
		target: { type: 'int', min: 0, max: 1000, default: 0 },
		ended: { type: 'date', optional: true }
	},
	compare: (a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)
});

export const pairingsKind = defineKind<{ kind: 'pairings'; planId: string }>({
	kind: 'pairings',
	parse: (parts) => (parts.length === 1 && isRecordId(parts[0]) ? { kind: 'pairings', planId: parts[0] } : null),
	name: (room) => `pairings:${room.planId}`,
	access: (member) => leadersWrite(member),
	collections: [pairings],
	project: (room, doc) => [
		{
			table: 'pairings',
			scope: { planId: room.planId },
			rows: pairings.readAll(doc).map(({ strong, weak, ended, ...p }) => ({
				planId: room.planId,
				strongId: strong,
				weakId: weak,
				...p,
				ended: ended ?? null
			}))
		}
	]
});
