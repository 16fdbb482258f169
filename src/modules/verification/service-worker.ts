/**
 * The verification page's service worker, written with the hashed URLs of what the page needs so that
 * after one visit the page, its scripts and the last lists are there offline. Pages and lists: the
 * network first (fresh revocations), the cache when offline; hashed assets never change: cache first.
 */
export function verificationServiceWorker(input: {
  cacheName: string;
  page: string;
  precache: string[];
  lists: string[];
}): string {
  return `'use strict';
const CACHE = ${JSON.stringify(input.cacheName)};
const PAGE = ${JSON.stringify(input.page)};
// Caches of the same page from an older version of this worker; another page's worker keeps its own.
const PREFIX = CACHE.slice(0, CACHE.lastIndexOf('-') + 1);
const PRECACHE = ${JSON.stringify([input.page, ...input.precache, ...input.lists])};
const LISTS = ${JSON.stringify(input.lists)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Sent elsewhere (to log in again): what was kept of a person's page is theirs no longer to show.
    if (response.redirected) await cache.delete(key);
    else if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === PAGE) {
    event.respondWith(networkFirst(request, PAGE));
  } else if (LISTS.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then(async (response) => {
            if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
            return response;
          }),
      ),
    );
  }
});
`;
}
