/**
 * [N1] A school of the registry as typed in a form or a bureau's spreadsheet: the name required
 * (≤ 100 characters), the type, tier and pilot flag from their keys or the Chinese words bureaus
 * write (城区优质校, 农村/乡镇中心校, 新建校; 强校/帮扶校, 薄弱校/受援校; 是/否), a township
 * (≤ 100). Returns the school or the fields in error; never throws.
 */
import { SCHOOL_TIERS, SCHOOL_TYPES, type SchoolTier, type SchoolType } from './types';

export interface SchoolInput {
	name: string;
	type: SchoolType;
	tier: SchoolTier;
	township: string;
	pilot: boolean;
}

export type SchoolParse = { ok: true; school: SchoolInput } | { ok: false; fields: (keyof SchoolInput)[] };

const TYPE_WORDS: [RegExp, SchoolType][] = [
	[/城区|优质/, 'urban_quality'],
	[/农村|乡镇|中心校/, 'rural_center'],
	[/新建|新校/, 'new'],
	[/其他|其它/, 'other']
];
const TIER_WORDS: [RegExp, SchoolTier][] = [
	[/强|帮扶校|优质/, 'strong'],
	[/弱|受援/, 'weak'],
	[/^(无|—|-|否)?$/, 'none']
];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function pick<T extends string>(raw: string, keys: readonly T[], words: [RegExp, T][]): T | null {
	if (keys.includes(raw as T)) return raw as T;
	for (const [re, key] of words) if (re.test(raw)) return key;
	return null;
}

function flag(v: unknown): boolean | null {
	if (typeof v === 'boolean') return v;
	const s = text(v).toLowerCase();
	if (['1', 'true', 'yes', 'y', 'on', '是', '试点', '√', '✓'].includes(s)) return true;
	if (['', '0', 'false', 'no', 'n', 'off', '否', '非试点'].includes(s)) return false;
	return null;
}

export function parseSchoolInput(raw: Record<string, unknown>): SchoolParse {
	const fields: (keyof SchoolInput)[] = [];
	const name = text(raw.name);
	if (!name || name.length > 100) fields.push('name');
	const type = pick(text(raw.type), SCHOOL_TYPES, TYPE_WORDS);
	if (!type) fields.push('type');
	const tier = pick(text(raw.tier), SCHOOL_TIERS, TIER_WORDS);
	if (!tier) fields.push('tier');
	const township = text(raw.township);
	if (township.length > 100) fields.push('township');
	const pilot = flag(raw.pilot);
	if (pilot === null) fields.push('pilot');
	if (fields.length) return { ok: false, fields };
	return { ok: true, school: { name, type: type!, tier: tier!, township, pilot: pilot! } };
}

/** Header cells a bureau's school list uses, per field (any order; merged titles above them). */
export const SCHOOL_HEADERS: Record<keyof SchoolInput, RegExp> = {
	name: /学校名称|校名|学校|name/i,
	type: /学校类型|类型|type/i,
	tier: /强弱|帮扶|层级|tier/i,
	township: /乡镇|街道|township/i,
	pilot: /试点|pilot/i
};

/**
 * [N2] Finds the header row of a sheet (the first row naming the school name and at least one more
 * field) and maps each field to its column; rows after it become raw school inputs with their
 * row numbers (1-based, as the sheet shows them). Empty rows are skipped.
 */
export function schoolRowsFromSheet(rows: unknown[][]): { header: number; columns: Partial<Record<keyof SchoolInput, number>>; rows: { row: number; raw: Record<string, unknown> }[] } | null {
	for (let r = 0; r < Math.min(rows.length, 20); r++) {
		const cells = rows[r].map(text);
		const columns: Partial<Record<keyof SchoolInput, number>> = {};
		for (const [field, re] of Object.entries(SCHOOL_HEADERS) as [keyof SchoolInput, RegExp][]) {
			const i = cells.findIndex((c, ci) => c && re.test(c) && !Object.values(columns).includes(ci));
			if (i >= 0) columns[field] = i;
		}
		if (columns.name === undefined || Object.keys(columns).length < 2) continue;
		const out: { row: number; raw: Record<string, unknown> }[] = [];
		for (let i = r + 1; i < rows.length; i++) {
			const raw: Record<string, unknown> = {};
			for (const [field, col] of Object.entries(columns)) raw[field] = rows[i][col as number];
			if (Object.values(raw).every((v) => text(v) === '')) continue;
			out.push({ row: i + 1, raw });
		}
		return { header: r + 1, columns, rows: out };
	}
	return null;
}
