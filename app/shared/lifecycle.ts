/**
 * Long-lived resources (the PDF browser...) register how to release them; the
 * shared provider runs these hooks when the app terminates. Plain module, so
 * that kernel parts stay usable outside a booted app (benchmarks).
 */
const hooks = new Set<() => Promise<void> | void>()

export function onShutdown(hook: () => Promise<void> | void) {
  hooks.add(hook)
  return () => hooks.delete(hook)
}

export async function runShutdownHooks() {
  await Promise.allSettled([...hooks].map((hook) => hook()))
}
