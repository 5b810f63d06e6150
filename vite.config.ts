import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { liveSyncInDev } from './server/dev/vite-plugin.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			// zh-CN is the base locale; a user's switch is remembered in a cookie.
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		// `npm run dev` serves /sync too: live rooms and server-side writes with hot reload.
		liveSyncInDev()
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts']
				}
			},
			{
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// Each file starts real servers; two cores do not like four at once.
					fileParallelism: false
				}
			}
		]
	}
});
