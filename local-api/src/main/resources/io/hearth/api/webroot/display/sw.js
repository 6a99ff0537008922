// The display page's service worker: keeps the page's own files (from the hub's origin, never
// from the relay) so that the page opens away from home too. Network first, with a short
// timeout, so at home the page is always the hub's current one; the cache only when the hub
// does not answer. API calls and streams are never touched.

const CACHE = 'hearth-display-v4';
const TIMEOUT_MS = 1500;
const FILES = [
  '/display/', '/display/index.html', '/display/display.css', '/display/display.js',
  '/display/pairing.js', '/display/channel-key.js', '/display/tile.js', '/display/chunks.js',
  '/display/mse-player.js', '/display/jpeg-player.js', '/display/route.js',
  '/display/relay-channel.js', '/display/noise.js', '/display/records.js', '/display/words.js',
  '/display/tile-view.js', '/display/timeline.js', '/display/clip.js', '/shared/api.js',
  '/shared/camera-events.js', '/shared/event-pages.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // An older list of files (an older page) is dropped.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const answer = await fetch(request, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (answer.ok) {
      await cache.put(request, answer.clone());
    }
    return answer;
  } catch (e) {
    const kept = await cache.match(request);
    if (kept) {
      return kept;
    }
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const ours = url.origin === self.location.origin && FILES.includes(url.pathname);
  if (event.request.method === 'GET' && ours) {
    event.respondWith(networkFirst(event.request));
  }
});
