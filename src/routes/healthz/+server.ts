import { json } from '@sveltejs/kit';
import { getDbHandle } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Liveness and readiness: 200 only when the database answers a query. */
export const GET: RequestHandler = async () => {
	try {
		const { client } = await getDbHandle();
		await client.execute('select 1');
		return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
	} catch {
		return json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
