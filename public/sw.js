/*
 * Passerelle's service worker: keeps the exam passport's capture screens and
 * the assets they need, so that a flaky connection does not break the
 * journey. Pages under /passport are fetched from the network first and
 * served from the cache when it is unreachable; stylesheets and scripts are
 * served from the cache and refreshed behind. Nothing else is cached: no
 * API answer, no uploaded file. Logging out (landing on /login) empties it.
 */
const CACHE = 'passerelle-passport-v1'
const ASSETS = ['/css/app.css', '/vendor/htmx.min.js', '/vendor/alpine.min.js', '/js/passport.js']

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)))
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (request.mode === 'navigate' && url.pathname === '/login') {
    event.waitUntil(caches.delete(CACHE))
    return
  }
  const page =
    request.mode === 'navigate' &&
    url.pathname.startsWith('/passport') &&
    !url.pathname.startsWith('/passport/media')
  if (page) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone()
            caches.open(CACHE).then((cache) => cache.put(request, copy))
          }
          return response
        })
        .catch(() => caches.match(request).then((hit) => hit || Response.error()))
    )
    return
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(
      caches.match(request).then((hit) => {
        const fresh = fetch(request)
          .then((response) => {
            if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, response.clone()))
            return response
          })
          .catch(() => hit)
        return hit || fresh
      })
    )
  }
})
