import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// server/ (the Node entry) is type-checked with the app.
			config: (cfg) => ({ ...cfg, include: [...cfg.include, '../server/**/*.ts'] })
		}
	}
};

export default config;
