import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// A strict Content-Security-Policy: scripts only from this origin or SvelteKit's own inline
		// bootstrap (a nonce on rendered pages, a hash on prerendered ones). Styles allow inline
		// because Svelte renders `style:` directives as style attributes (the presence colours, the
		// Gantt bars); a stylesheet cannot run code. `'self'` in connect-src covers the same-origin
		// ws:/wss: of /sync in CSP Level 3 browsers. The other security headers are set in hooks.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'object-src': ['none']
			}
		},
		typescript: {
			// server/ (the Node entry) is type-checked with the app.
			config: (cfg) => ({ ...cfg, include: [...cfg.include, '../server/**/*.ts'] })
		}
	}
};

export default config;
