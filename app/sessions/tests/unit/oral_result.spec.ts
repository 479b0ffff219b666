import { test } from '@japa/runner'
import { oralResult } from '#sessions/services/oral_grids'

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2']
const graded = (...chosen: string[]) => chosen.map((level) => ({ levels: CEFR, chosen: level }))

test.group('Sessions · the oral result from the passport grids', () => {
  test('score is the mean of the chosen ranks over the levels, scaled to the maximum', ({
    assert,
  }) => {
    // EO-A: B1, B2; EO-B: B1, C1 → (3 + 4 + 3 + 5) / 6 / 4 = 0.625 → 281.25 of 450.
    // Mean rank (A1 = 0): (2 + 3 + 2 + 4) / 4 = 2.75 → B1 (reached on average).
    assert.deepEqual(oralResult(450, graded('B1', 'B2', 'B1', 'C1')), { score: 281, level: 'B1' })
    assert.deepEqual(oralResult(450, graded('C2', 'C2', 'C2')), { score: 450, level: 'C2' })
    assert.deepEqual(oralResult(450, graded('A1', 'A1')), { score: 75, level: 'A1' })
    // (2 + 2 + 3 + 3) / 6 / 4 = 0.4167 → 187.5 → 188; ranks (1 + 1 + 2 + 2) / 4 = 1.5 → A2.
    assert.deepEqual(oralResult(450, graded('A2', 'A2', 'B1', 'B1')), { score: 188, level: 'A2' })
  })

  test('a grid may offer part of the scale, <A1 included: ranks are counted on the CEFR', ({
    assert,
  }) => {
    const narrow = ['B1', 'B2', 'C1']
    // B2 is rank 4 of 6 on the CEFR → 300 of 450, whatever the grid offers.
    assert.deepEqual(oralResult(450, [{ levels: narrow, chosen: 'B2' }]), {
      score: 300,
      level: 'B2',
    })
    assert.deepEqual(oralResult(450, [{ levels: ['A1', 'A2', 'B1'], chosen: 'B1' }]), {
      score: 225,
      level: 'B1',
    })
    const withBelow = ['<A1', ...CEFR]
    // <A1 and A1: ranks 0 and 1 → 37.5 → 38; mean rank 0.5 → <A1.
    assert.deepEqual(
      oralResult(450, [
        { levels: withBelow, chosen: '<A1' },
        { levels: withBelow, chosen: 'A1' },
      ]),
      { score: 38, level: '<A1' }
    )
  })

  test('no result without a complete CEFR grid', ({ assert }) => {
    assert.isNull(oralResult(450, []))
    assert.isNull(
      oralResult(100, [
        {
          levels: ['Insuffisant', 'Partiel', 'Satisfaisant', 'Très satisfaisant'],
          chosen: 'Partiel',
        },
      ])
    )
    assert.isNull(oralResult(450, [{ levels: CEFR, chosen: 'B3' }]))
    // Levels out of order, or repeated, are not a scale.
    assert.isNull(oralResult(450, [{ levels: [...CEFR].reverse(), chosen: 'C2' }]))
    assert.isNull(oralResult(450, [{ levels: ['A1', 'A1', 'B1'], chosen: 'B1' }]))
  })
})
