import type { ApiResponse } from '@japa/api-client'

/** The response is a redirect to this path (requests made with .redirects(0)). */
export function assertRedirect(response: ApiResponse, path: string) {
  response.assert!.oneOf(response.status(), [301, 302, 303])
  const location = new URL(response.header('location') ?? '', 'http://localhost')
  response.assert!.equal(location.pathname + location.search, path)
}

/** A validation error flashed for a form field (the inline error under it). */
export function assertFieldError(response: ApiResponse, field: string, message: string) {
  const bag = (response.flashMessages()?.inputErrorsBag ?? {}) as Record<string, string[]>
  response.assert!.include(bag[field] ?? [], message)
}

export function assertTextExcludes(response: ApiResponse, text: string) {
  response.assert!.notInclude(response.text(), text)
}

/** Sends the request and checks its status (for compact authorisation tables). */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}
