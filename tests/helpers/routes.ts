import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The top-level functions of app/ (tests aside), by name: their source text. */
function appFunctions() {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return entry.name === 'tests' ? [] : sources(path)
      return entry.name.endsWith('.ts') ? [path] : []
    })
  const functions = new Map<string, string[]>()
  for (const file of sources(app.makePath('app'))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/^(?:export )?(?:async )?function\*? (\w+)\(/gm)) {
      const end = text.indexOf('\n}\n', match.index)
      functions.set(match[1], [
        ...(functions.get(match[1]) ?? []),
        text.slice(match.index, end < 0 ? undefined : end),
      ])
    }
  }
  return functions
}

/** A class method's text (two-space indented, as the controllers are written). */
function method(text: string, name: string) {
  const match = new RegExp(`^  (?:async |protected |private |static )*${name}\\(`, 'm').exec(text)
  if (!match) return ''
  const end = text.indexOf('\n  }\n', match.index)
  return text.slice(match.index, end < 0 ? undefined : end)
}

/**
 * The GET routes (as 'GET /pattern') whose handler does what `pattern` finds,
 * by reading the controllers: the handler's method, the methods it calls on
 * `this`, and the app functions it calls (only those it hands `ctx` or
 * `request` to, when `follow` is 'ctx'), recursively.
 */
export function getRoutesWhoseHandler(pattern: RegExp, follow: 'ctx' | 'all') {
  const functions = appFunctions()
  const calls = follow === 'ctx' ? /\b(\w+)\(\s*(?:ctx|request)\b/g : /(?<![.\w])(\w+)\(/g
  const does = (text: string, body: string, seen: Set<string>): boolean => {
    if (pattern.test(body)) return true
    for (const [, name] of body.matchAll(/this\.(\w+)\(/g)) {
      if (seen.has(`this.${name}`)) continue
      seen.add(`this.${name}`)
      if (does(text, method(text, name), seen)) return true
    }
    for (const [, name] of body.matchAll(calls)) {
      if (seen.has(name)) continue
      seen.add(name)
      if ((functions.get(name) ?? []).some((fn) => does(text, fn, seen))) return true
    }
    return false
  }
  const json = router.toJSON() as Record<string, any[]>
  const found: string[] = []
  for (const route of json.root ?? Object.values(json).flat()) {
    if (!route.methods.includes('GET')) continue
    const file = /import\('#app\/([^']+)'\)/.exec(route.handler?.importExpression ?? '')?.[1]
    if (!file) continue
    const text = readFileSync(app.makePath('app', `${file}.ts`), 'utf8')
    if (does(text, method(text, route.handler.method), new Set()))
      found.push(`GET ${route.pattern}`)
  }
  return found
}
