import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import CreditResult from '#orders/models/credit_result'
import { findApiToken } from '#orders/services/api_tokens'
import { MAX_RESULTS, parseResultInput, recordResults } from '#orders/services/results'
import type { ResultInput, ResultProblem } from '#orders/services/results'

/**
 * POST /api/v1/results — the exam delivery platform sends results (see
 * docs/orders.md): `Authorization: Bearer <token>`, a JSON body
 * `{ "results": [ { result_id, email, exam_type, score, passed_on,
 * validation, sections? } ] }`. All or nothing; sending the same result
 * again changes nothing (idempotent), a changed one is updated.
 */
export default class ResultsApiController {
  async store({ request, response, i18n }: HttpContext) {
    const token = await findApiToken(request.header('authorization'))
    if (!token) return response.status(401).json({ error: 'unauthorized' })
    const allowed = await limiter
      .use({ requests: 60, duration: '1 minute' })
      .attempt(`results_api_${token.id}`, () => true)
    if (!allowed) return response.status(429).json({ error: 'too_many_requests' })

    const body = request.body()
    const items = Array.isArray(body?.results) ? (body.results as unknown[]) : null
    if (!items || items.length === 0 || items.length > MAX_RESULTS)
      return response.status(422).json({
        error: 'invalid_body',
        message: i18n.t('errors.result_body', { max: MAX_RESULTS }),
      })
    const inputs: ResultInput[] = []
    const problems: ResultProblem[] = []
    items.forEach((raw, i) => {
      const parsed =
        raw && typeof raw === 'object'
          ? parseResultInput(raw as Record<string, unknown>)
          : 'result_item'
      if (typeof parsed === 'string') problems.push({ index: i + 1, code: parsed })
      else inputs.push(parsed)
    })
    const outcome = problems.length
      ? { outcomes: [], problems }
      : await recordResults(inputs, 'api', null)
    if (outcome.problems.length)
      return response.status(422).json({
        error: 'invalid_results',
        errors: outcome.problems.map((problem) => ({
          index: problem.index,
          result_id: (items[problem.index - 1] as Record<string, unknown>)?.result_id ?? null,
          code: problem.code,
          message: i18n.t(`errors.${problem.code}`, problem.params ?? {}),
        })),
      })
    const count = (kind: string) => outcome.outcomes.filter((o) => o === kind).length
    const stored = await CreditResult.query()
      .whereIn(
        'result_ref',
        inputs.map((input) => input.resultRef)
      )
      .select('result_ref', 'public_code')
    const codes = new Map(stored.map((row) => [row.resultRef, row.publicCode]))
    return response.json({
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      results: inputs.map((input, i) => ({
        result_id: input.resultRef,
        outcome: outcome.outcomes[i],
        public_code: codes.get(input.resultRef),
      })),
    })
  }
}
