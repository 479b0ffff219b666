import type { Edge } from 'edge.js'

type Compile = (path: string, localVariables?: string[]) => unknown

/**
 * Two gaps in edge.js 6.5's template cache, closed once templates are cached
 * (production): measured on the session page and the static /health page with
 * `bench:pages` and a CPU profile (bench/README.md).
 *
 * - `@include` compiles its partial with the caller's local variable names,
 *   and edge never caches a compile that has them: every include of every
 *   render read the file again, tokenised it and parsed each expression with
 *   acorn (the layout's flash and locale switch on every page, each table
 *   partial). A compiled partial depends only on its path and those names, so
 *   it is kept under both.
 * - The components plugin is registered as "recurring" when the instance is
 *   created, before `configure({ cache: true })`, so it listed every disk's
 *   components from the file system before every render. With the cache on the
 *   components cannot change: the first listing is kept.
 *
 * Nothing changes while the cache is off (development, tests): templates and
 * components are read again as they are edited.
 */
export function closeEdgeCacheGaps(edge: Edge) {
  for (const compiler of [edge.compiler, edge.asyncCompiler]) {
    const compile: Compile = compiler.compile.bind(compiler)
    const partials = new Map<string, unknown>()
    ;(compiler as { compile: Compile }).compile = (path, localVariables) => {
      if (!localVariables || !compiler.cacheManager.enabled) return compile(path, localVariables)
      const key = `${path}\u0000${localVariables.join(',')}`
      if (!partials.has(key)) partials.set(key, compile(path, localVariables))
      return partials.get(key)
    }
  }
  const loader = edge.loader
  const listComponents = loader.listComponents.bind(loader)
  let components: ReturnType<typeof listComponents> | undefined
  loader.listComponents = () => {
    if (!edge.compiler.cacheManager.enabled) return listComponents()
    components ??= listComponents()
    return components
  }
}
