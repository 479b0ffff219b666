import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Attestation from '#sessions/models/attestation'
import { maxScore, parseResult } from '#sessions/services/results'
import { normaliseCode, verificationCode } from '#shared/codes'

test.group('Results · rules', () => {
  test('a score is a whole number within the test scale, with a CEFR level', ({ assert }) => {
    assert.equal(maxScore('CE'), 300)
    assert.equal(maxScore('CO'), 360)
    assert.equal(maxScore('EO'), 450)
    assert.deepEqual(parseResult('CO', ' 360 ', 'c1'), { score: 360, level: 'C1' })
    assert.deepEqual(parseResult('CE', '0', '<a1'), { score: 0, level: '<A1' })
    assert.deepEqual(parseResult('CE', '', ''), { empty: true })
    assert.deepEqual(parseResult('CE', '301', 'C2'), { error: 'result_score_range', max: 300 })
    assert.deepEqual(parseResult('CE', '12.5', 'A2'), { error: 'result_score_range', max: 300 })
    assert.deepEqual(parseResult('CE', '-3', 'A2'), { error: 'result_score_range', max: 300 })
    assert.deepEqual(parseResult('CE', '120', ''), { error: 'result_level' })
    assert.deepEqual(parseResult('CE', '120', 'D1'), { error: 'result_level' })
  })

  test('verification codes are 16 unambiguous characters, read back however they are typed', ({
    assert,
  }) => {
    const codes = new Set(Array.from({ length: 2000 }, () => verificationCode()))
    assert.equal(codes.size, 2000)
    for (const code of [...codes].slice(0, 50)) {
      assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
      assert.equal(normaliseCode(code.toLowerCase().replace(/-/g, ' ')), code)
    }
    assert.equal(normaliseCode('7k2m 9qxt 4hbn r8cv'), '7K2M-9QXT-4HBN-R8CV')
    // O, I and L are read as the digits they look like.
    assert.equal(normaliseCode('OOOO-IIII-LLLL-2222'), '0000-1111-1111-2222')
    assert.isNull(normaliseCode('ABC'))
    assert.isNull(normaliseCode('UUUU-UUUU-UUUU-UUUU'))
    assert.isNull(normaliseCode("' OR 1=1 --"))
  })

  test('an attestation is valid, expired past its date, or as the network left it', ({
    assert,
  }) => {
    const attestation = new Attestation()
    attestation.status = 'valid'
    attestation.validUntil = DateTime.utc(2028, 9, 18)
    assert.equal(attestation.state(DateTime.utc(2028, 9, 18)), 'valid')
    assert.equal(attestation.state(DateTime.utc(2028, 9, 19)), 'expired')
    attestation.status = 'superseded'
    assert.equal(attestation.state(DateTime.utc(2027, 1, 1)), 'superseded')
    attestation.status = 'revoked'
    assert.equal(attestation.state(DateTime.utc(2030, 1, 1)), 'revoked')
  })
})
