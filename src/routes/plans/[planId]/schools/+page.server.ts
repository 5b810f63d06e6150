import { error, fail } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import { getDb } from '$lib/server/db';
import { importSchools, linkPerson, linkableMembers, listRegistry, saveSchool } from '$lib/server/services/schools';
import { parseSchoolInput, schoolRowsFromSheet, type SchoolInput } from '$lib/shared/plan/school-input';
import { parseDelimited } from '$lib/shared/delimited';
import { isRecordId } from '$lib/shared/sync/schema';
import { roomAccess } from '$lib/shared/sync/access';
import { planAccess } from '$lib/server/services/plans';
import { readDayCounting } from '$lib/server/services/plan-calendar';
import type { Actions, PageServerLoad } from './$types';

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async ({ params, parent }) => {
	const { canWritePlan, plan } = await parent(); // the layout's membership check must run even when the client skips it
	const db = await getDb();
	const [registry, members, dayCounting] = await Promise.all([
		listRegistry(db, params.planId),
		canWritePlan ? linkableMembers(db, params.planId) : Promise.resolve([]),
		readDayCounting(db, plan) // [WD12] the matrix's states in the plan's own days
	]);
	return { registry, members, canManage: canWritePlan, dayCounting };
};

/** Leaders and admins manage the registry; the server refuses everyone else whatever the UI shows. */
async function requireManager(locals: App.Locals, planId: string) {
	const access = await planAccess(await getDb(), locals.user?.id, planId);
	if (!access.ok) error(access.status, 'forbidden');
	if (roomAccess(access.member, { kind: 'plan', planId }) !== 'write') error(403, 'forbidden');
}

const formObject = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));

/** The rows of an uploaded .xlsx or .csv file. */
async function sheetRows(file: File): Promise<unknown[][] | null> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	if (!zip) return parseDelimited(new TextDecoder().decode(bytes));
	try {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes.buffer as ArrayBuffer);
		const ws = wb.worksheets[0];
		if (!ws) return [];
		const rows: unknown[][] = [];
		ws.eachRow({ includeEmpty: true }, (row, n) => {
			const cells: unknown[] = [];
			row.eachCell({ includeEmpty: true }, (cell, c) => {
				const v = cell.value;
				cells[c - 1] = v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : (cell.text ?? v);
			});
			rows[n - 1] = cells;
		});
		return Array.from(rows, (r) => r ?? []);
	} catch {
		return null;
	}
}

export const actions: Actions = {
	save: async ({ request, params, locals }) => {
		await requireManager(locals, params.planId);
		const form = await request.formData();
		const raw = formObject(form);
		const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : null;
		if (id !== null && !isRecordId(id)) return fail(400, { save: { id, fields: ['id'] } });
		const parsed = parseSchoolInput({ ...raw, pilot: form.get('pilot') === 'on' });
		if (!parsed.ok) return fail(400, { save: { id, fields: parsed.fields } });
		const saved = await saveSchool(await getDb(), params.planId, id, parsed.school);
		if (!saved) error(404, 'not_found');
		return { save: { id: saved, ok: true } };
	},

	link: async ({ request, params, locals }) => {
		await requireManager(locals, params.planId);
		const raw = formObject(await request.formData());
		const role = raw.role === 'partner' ? 'partner' : raw.role === 'coordinator' ? 'coordinator' : null;
		if (!role || !isRecordId(raw.schoolId) || typeof raw.userId !== 'string') return fail(400, { link: { fields: ['userId'] } });
		const ok = await linkPerson(await getDb(), params.planId, raw.schoolId, raw.userId, role);
		return ok ? { link: { ok: true } } : fail(400, { link: { fields: ['userId'] } });
	},

	/**
	 * Step 1 of an import: reads the sheet and answers a preview (the column mapping and each row
	 * validated); nothing is written. Step 2 (`importConfirm`) sends the valid rows back.
	 */
	importPreview: async ({ request, params, locals }) => {
		await requireManager(locals, params.planId);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { preview: { error: 'no_file' as const } });
		if (file.size > MAX_IMPORT_BYTES) return fail(400, { preview: { error: 'too_large' as const } });
		const rows = await sheetRows(file);
		const sheet = rows && schoolRowsFromSheet(rows);
		if (!sheet) return fail(400, { preview: { error: 'no_header' as const } });
		const report = sheet.rows.map(({ row, raw }) => {
			const parsed = parseSchoolInput(raw);
			return parsed.ok ? { row, school: parsed.school, fields: [] } : { row, school: null, fields: parsed.fields, name: String(raw.name ?? '') };
		});
		return { preview: { name: file.name, header: sheet.header, columns: Object.keys(sheet.columns), report } };
	},

	importConfirm: async ({ request, params, locals }) => {
		await requireManager(locals, params.planId);
		let list: unknown;
		try {
			list = JSON.parse(String((await request.formData()).get('rows') ?? '[]'));
		} catch {
			return fail(400, { imported: { error: 'invalid' as const } });
		}
		if (!Array.isArray(list) || list.length > 5000) return fail(400, { imported: { error: 'invalid' as const } });
		// The preview's rows come back from the browser: every one is checked again.
		const schools: SchoolInput[] = [];
		for (const raw of list) {
			const parsed = parseSchoolInput(raw && typeof raw === 'object' ? raw : {});
			if (parsed.ok) schools.push(parsed.school);
		}
		const result = await importSchools(await getDb(), params.planId, schools);
		return { imported: result };
	}
};
