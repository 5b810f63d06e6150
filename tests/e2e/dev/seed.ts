/**
 * Seeds the demo workspace into `DATABASE_URL` for the `npm run dev` project of the end-to-end
 * tests (the dev server itself only migrates), then exits.
 */
import { openTestDb } from '../../helpers/factories';
import { seedDemo } from '../../../src/lib/server/demo/seed';
import { todayInShanghai } from '../../../src/lib/shared/plan/dates';

const h = await openTestDb(process.env.DATABASE_URL!);
await seedDemo(h.db, todayInShanghai());
h.client.close();
