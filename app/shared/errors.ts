import { Exception } from '@adonisjs/core/exceptions'

/**
 * Domain errors carry a stable code that the UI (i18n key errors.<code>) and tests
 * match on.
 */
export class DomainError extends Exception {
  static status = 422
  constructor(
    public code: string,
    public params: Record<string, unknown> = {},
    status = 422
  ) {
    super(code, { code, status })
  }
}

export class ForbiddenException extends Exception {
  static status = 403
  static code = 'E_FORBIDDEN'
  constructor() {
    super('Forbidden', { status: 403, code: 'E_FORBIDDEN' })
  }
}
