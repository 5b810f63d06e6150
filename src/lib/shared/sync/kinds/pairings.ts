/**
 * `pairings:<planId>`: the plan's strong–weak school pairings (强校带弱校). Admins and leaders
 * write; every member reads. Visits stay relational (they are logged through the API); the
 * board's `settings` record holds the leaders' silence threshold and a counter the server bumps
 * after every visit write, so every open board re-reads the visits ([B8]).
 */
import { PAIRING_MODES, type Pairing, type PairingMode, type PairingSettings } from '../../plan/types';
import * as Y from 'yjs';
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

/** A pairing's field names as constants, from the declaration above. */
export const PAIRING_FIELD = pairings.field;

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

const hasSettingsRecord = (doc: Y.Doc) => pairingSettings.map(doc).get(SETTINGS_ID) instanceof Y.Map;

/**
 * [B9] Makes sure the board's record exists, so that every writer only ever sets its fields.
 * A `Y.Map` key holds one value: two writers each creating the record at once (two leaders saving
 * the threshold, or a leader and the server's visit counter) would each make a whole record and
 * one would replace the other, losing a field. The server runs this when the room loads, before
 * any client joins. Returns whether it wrote.
 */
export function ensurePairingSettings(doc: Y.Doc): boolean {
	if (hasSettingsRecord(doc)) return false; // a value that is not a record is replaced
	pairingSettings.create(doc, { id: SETTINGS_ID });
	return true;
}

/** Sets fields of the board's record, creating it only where it is still missing. */
export function updatePairingSettings(
	doc: Y.Doc,
	fields: Partial<Omit<PairingSettings, 'id'>>
): ReturnType<typeof pairingSettings.create> {
	return hasSettingsRecord(doc)
		? pairingSettings.update(doc, SETTINGS_ID, fields)
		: pairingSettings.create(doc, { id: SETTINGS_ID, ...fields });
}

/** [B8] Tells every open board that the plan's visits changed (server side, after a visit write). */
export function bumpVisitsVersion(doc: Y.Doc): void {
	updatePairingSettings(doc, { visitsVersion: readPairingSettings(doc).visitsVersion + 1 });
}

/** A pairing as the `pairings` table held it (drizzle's property names). */
function pairingFromRow(r: Record<string, unknown>): Pairing {
	const modes = Array.isArray(r.modes) ? r.modes : [];
	return {
		id: String(r.id),
		strong: String(r.strongId),
		weak: String(r.weakId),
		modes: modes.filter((m): m is PairingMode => PAIRING_MODES.includes(m as PairingMode)),
		start: String(r.start),
		end: String(r.end),
		target: Number(r.target),
		...(r.ended ? { ended: String(r.ended) } : {})
	};
}

export const pairingsKind = defineKind<{ kind: 'pairings'; planId: string }>({
	kind: 'pairings',
	parse: (parts) => (parts.length === 1 && isRecordId(parts[0]) ? { kind: 'pairings', planId: parts[0] } : null),
	name: (room) => `pairings:${room.planId}`,
	access: (member) => leadersWrite(member),
	collections: [pairings, pairingSettings],
	upgrade: ensurePairingSettings,
	// Pairings were relational rows (written by the demo and by earlier versions) before the board
	// became live: a room's first load takes them in.
	async initial(room, read) {
		const rows = await read('pairings', { planId: room.planId });
		if (rows.length === 0) return null;
		return (doc) => {
			for (const r of rows) pairings.create(doc, pairingFromRow(r));
		};
	},
	project: (room, doc) => [
		{
			table: 'pairings',
			scope: { planId: room.planId },
			// Visits refer to pairings (cascading on delete): a pairing is updated in place, one
			// naming a school outside the plan, or one school twice, is left out (the board flags
			// it in the document), and one gone from the document stays while a visit refers to it.
			write: {
				mode: 'upsert',
				mustExist: [
					{ column: 'strongId', table: 'schools' },
					{ column: 'weakId', table: 'schools' }
				],
				distinct: ['strongId', 'weakId'],
				keepReferencedBy: { table: 'visits', column: 'pairingId' }
			},
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
