/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline shell: the app's built files are cached at install; pages and their data requests
 * (`__data.json`) are fetched from the network first and kept, so a page visited before opens
 * with no network (its live documents then come from IndexedDB, see $lib/collab). The API, the
 * sync socket, sign-in and sign-out always go to the network. Signing out deletes the page cache
 * (`wipeOfflineData`), because a school computer is shared.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS = `qp-assets-${version}`;
/** Must start with `PAGE_CACHE_PREFIX` of $lib/collab/offline-cache.ts, which wipes it. */
const PAGES = `qp-pages-${version}`;
const PRECACHE = [...build, ...files];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== ASSETS && key !== PAGES) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

/** Paths that must never be answered from a cache. */
const NETWORK_ONLY = /^\/(api|sync|login|logout|setup|admin|calendar|healthz)(\/|$|\?)/;

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || NETWORK_ONLY.test(url.pathname)) return;

	if (PRECACHE.includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	event.respondWith(
		(async () => {
			try {
				const response = await fetch(request);
				// Only complete pages of a signed-in user are kept (a redirect to sign-in is not).
				if (response.ok && response.type === 'basic' && !response.redirected) {
					const copy = response.clone();
					event.waitUntil(caches.open(PAGES).then((cache) => cache.put(request, copy)));
				}
				return response;
			} catch (err) {
				const hit = await caches.match(request, { cacheName: PAGES });
				if (hit) return hit;
				throw err;
			}
		})()
	);
});
