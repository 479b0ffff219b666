/**
 * Lucid column options for JSON kept in a text column (the same on SQLite and
 * PostgreSQL): a list, or an object of strings. node-postgres may hand back
 * parsed JSON; SQLite hands back the text.
 */
export const jsonList = {
  prepare: (value: unknown[] | null | undefined) => JSON.stringify(value ?? []),
  consume: (value: unknown): any[] =>
    Array.isArray(value) ? value : JSON.parse(String(value ?? '[]')),
}

export const jsonObject = {
  prepare: (value: Record<string, unknown> | null | undefined) => JSON.stringify(value ?? {}),
  consume: (value: unknown): Record<string, any> =>
    value && typeof value === 'object'
      ? (value as Record<string, any>)
      : JSON.parse(String(value ?? '{}')),
}
