/*
| Every module has its own Edge disk: view.render('accounts::pages/login').
| Shared components live in resources/views/components (the design system).
*/
import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import { MODULES } from '#shared/modules'
import { uiGlobals } from '#shared/ui/view_globals'
import { escapingHtml } from '#shared/ui/escaping'
import { closeEdgeCacheGaps } from '#shared/ui/edge_cache'

for (const name of MODULES) {
  edge.mount(name, app.makeURL(`app/${name}/views`))
}

for (const [key, value] of Object.entries(uiGlobals)) {
  edge.global(key, value)
}

edge.global('html', escapingHtml(edge.globals.html))

closeEdgeCacheGaps(edge)

/*
| Templates lose their lines' indentation before they compile (e-mails keep
| it: their text part is laid out with spaces). A quarter of a table page's
| HTML was indentation: the orders page sent 179 KB where 136 say the same.
*/
edge.processor.process('raw', ({ raw, path }) =>
  /[\\/]emails[\\/]/.test(path) ? raw : raw.replace(/^[ \t]+/gm, '')
)
