/**
 * `pairings:<planId>`: the plan's strong–weak school pairings (强校带弱校). Admins and leaders
 * write; every member reads. Visits stay relational (they are logged through the API); the
 * board's `settings` record holds the leaders' silence threshold and a counter the server bumps
 * after every visit write, so every open board re-reads the visits ([B8]).
 */
import { PAIRING_MODES, type Pairing, type PairingSettings } from '../../plan/types';
import type * as Y from 'yjs';
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

/** The board's one settings record (id `board`). */
export const SETTINGS_ID = 'board';
export const DEFAULT_SILENT_WEEKS = 4;

export const pairingSettings = collection<PairingSettings>({
	key: 'settings',
	entity: 'pairing_settings',
	ids: [SETTINGS_ID],
	fields: {
		silentWeeks: { type: 'int', min: 1, max: 52, default: DEFAULT_SILENT_WEEKS },
		visitsVersion: { type: 'int', min: 0, max: Number.MAX_SAFE_INTEGER, default: 0 }
	}
});

/** The board's settings; defaults when the record is absent or a field is invalid. */
export function readPairingSettings(doc: Y.Doc): PairingSettings {
	return pairingSettings.read(doc, SETTINGS_ID) ?? { id: SETTINGS_ID, silentWeeks: DEFAULT_SILENT_WEEKS, visitsVersion: 0 };
}

/** [B8] Tells every open board that the plan's visits changed (server side, after a visit write). */
export function bumpVisitsVersion(doc: Y.Doc): void {
	const current = pairingSettings.read(doc, SETTINGS_ID);
	if (!current) pairingSettings.create(doc, { id: SETTINGS_ID, visitsVersion: 1 });
	else pairingSettings.update(doc, SETTINGS_ID, { visitsVersion: current.visitsVersion + 1 });
}

export const pairingsKind = defineKind<{ kind: 'pairings'; planId: string }>({
	kind: 'pairings',
	parse: (parts) => (parts.length === 1 && isRecordId(parts[0]) ? { kind: 'pairings', planId: parts[0] } : null),
	name: (room) => `pairings:${room.planId}`,
	access: (member) => leadersWrite(member),
	collections: [pairings, pairingSettings],
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
		},
		{
			table: 'pairing_settings',
			scope: { planId: room.planId },
			rows: [{ planId: room.planId, silentWeeks: readPairingSettings(doc).silentWeeks }]
		}
	]
});
