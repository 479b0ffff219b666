/*
 * Passerelle's service worker: keeps the exam passport's capture screens and
 * the assets they need, so that a flaky connection does not break the
 * journey. Only the capture screens are kept (the sessions list, a session's
 * candidates, a candidate's capture page): fetched from the network first and
 * served from the cache when it is unreachable. Stylesheets and scripts are
 * served from the cache and refreshed behind. Nothing else is cached: no
 * API answer, no uploaded file, no portal page. Landing on /login (logout,
 * expired session) empties the pages kept; the assets stay.
 */
const VERSION = 'v3'
const PAGES = `passerelle-passport-pages-${VERSION}`
const ASSETS_CACHE = `passerelle-passport-assets-${VERSION}`
const ASSETS = ['/css/app.css', '/vendor/htmx.min.js', '/vendor/alpine.min.js', '/js/passport.js']
const CAPTURE_PAGE = /^\/passport(\/sessions\/\d+|\/registrations\/\d+\/capture)?$/

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(ASSETS_CACHE).then((cache) => cache.addAll(ASSETS)))
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => ![PAGES, ASSETS_CACHE].includes(key)).map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  )
})

function offlinePage() {
  return new Response(
    '<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Hors ligne</title>' +
      '<body style="font-family:sans-serif;padding:2rem"><h1>Hors ligne</h1>' +
      '<p>Cette page n’a pas encore été ouverte sur cet appareil. Ce qui a été saisi reste enregistré ' +
      'sur l’appareil ; revenez à la liste des candidats quand le réseau revient.</p></body></html>',
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } }
  )
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (request.mode === 'navigate' && url.pathname === '/login') {
    event.waitUntil(caches.delete(PAGES))
    return
  }
  if (request.mode === 'navigate' && CAPTURE_PAGE.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const type = response.headers.get('content-type') ?? ''
          const cacheable =
            response.ok &&
            !response.redirected &&
            type.startsWith('text/html') &&
            !(response.headers.get('cache-control') ?? '').includes('no-store')
          if (cacheable) {
            const copy = response.clone()
            event.waitUntil(caches.open(PAGES).then((cache) => cache.put(request, copy)))
          }
          return response
        })
        .catch(() =>
          caches
            .match(request, { cacheName: PAGES, ignoreSearch: true })
            .then((hit) => hit || offlinePage())
        )
    )
    return
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(
      caches.match(request, { cacheName: ASSETS_CACHE }).then((hit) => {
        const fresh = fetch(request)
          .then((response) => {
            if (response.ok) {
              const copy = response.clone()
              event.waitUntil(caches.open(ASSETS_CACHE).then((cache) => cache.put(request, copy)))
            }
            return response
          })
          .catch(() => hit)
        return hit || fresh
      })
    )
  }
})
