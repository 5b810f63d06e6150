import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	schema: ['./src/lib/server/db/schema.ts', './src/lib/server/db/supervision-schema.ts', './src/lib/server/db/plan-year-schema.ts'],
	out: './drizzle',
	dialect: 'turso',
	dbCredentials: {
		url: process.env.DATABASE_URL ?? 'file:data/app.db',
		authToken: process.env.DATABASE_AUTH_TOKEN
	}
});
