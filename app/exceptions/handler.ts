import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { DomainError } from '#shared/errors'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest

  /** 403/404/410 pages everywhere (tests assert them); the 500 page in production only. */
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, ctx) => errorPage(ctx, 'forbidden', error),
    '404': (error, ctx) => errorPage(ctx, 'not_found', error),
    '410': (error, ctx) => errorPage(ctx, 'gone', error),
    ...(app.inProduction
      ? {
          '500..599': ((error, ctx) => errorPage(ctx, 'server_error', error)) as StatusPageRenderer,
        }
      : {}),
  }

  async handle(error: unknown, ctx: HttpContext) {
    // A script asked (JSON): the rule's code, its message and its details, with its status.
    if (error instanceof DomainError && (ctx.request.header('accept') ?? '').includes('json')) {
      return ctx.response.status(error.status).json({
        error: error.code,
        message: ctx.i18n.t(`errors.${error.code}`, error.params as any),
        ...error.params,
      })
    }
    // A domain rule refused the action: back to the form with the reason, nothing lost.
    if (error instanceof DomainError && ctx.request.method() !== 'GET') {
      ctx.session.flash('error', ctx.i18n.t(`errors.${error.code}`, error.params as any))
      ctx.session.flashAll()
      return ctx.response.redirect().back()
    }
    // Bouncer would flash and redirect back: we answer a real 403 page instead.
    if (isAuthorizationFailure(error)) {
      ctx.response.status(403)
      return ctx.response.send(await errorPage(ctx, 'forbidden', error))
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}

function isAuthorizationFailure(error: unknown) {
  return (error as { code?: string })?.code === 'E_AUTHORIZATION_FAILURE'
}

/**
 * Error pages may be rendered before the router middleware ran (unknown URL):
 * give the layout what it needs even then.
 */
function errorPage(ctx: HttpContext, page: string, error: unknown) {
  const i18n =
    ctx.i18n ??
    i18nManager.locale(i18nManager.getSupportedLocaleFor(ctx.request.languages()) ?? 'fr')
  const state = ctx.view.getState?.() ?? {}
  const defaults: Record<string, unknown> = {
    t: i18n.t.bind(i18n),
    locale: i18n.locale,
    currentUser: ctx.auth?.user ?? null,
    csrfToken: '',
    csrfField: () => '',
    cspNonce: '',
    flashMessages: { has: () => false, get: (_key: string, fallback?: unknown) => fallback },
    old: (_key: string, fallback?: unknown) => fallback,
  }
  const missing = Object.fromEntries(Object.entries(defaults).filter(([key]) => !(key in state)))
  ctx.view.share(missing)
  return ctx.view.render(`pages/errors/${page}`, { error })
}
