import { test } from '@japa/runner'
import { CreditProduct, priceCart } from '#orders'
import { formatMoney, toCents, vatOf } from '#shared/money'

function product(unit: string, vat: string) {
  const made = new CreditProduct()
  made.merge({ unitPriceCents: toCents(unit), vatRateBp: toCents(vat) })
  return made
}

test.group('Orders · cart arithmetic (cents, never floats)', () => {
  test('the seed order: 4 × 71,00 € at 20 % = 284,00 HT, 56,80 VAT, 340,80 TTC', ({ assert }) => {
    const cart = priceCart([{ product: product('71,00', '20'), quantity: 4 }])
    assert.equal(cart.totalHtCents, 28400)
    assert.equal(cart.totalVatCents, 5680)
    assert.equal(cart.totalTtcCents, 34080)
    assert.equal(formatMoney(cart.totalTtcCents).replace(/\s/g, ' '), '340,80 €')
  })

  test('VAT is rounded half up per line, and the totals add the lines', ({ assert }) => {
    const cart = priceCart([
      { product: product('71', '20'), quantity: 4 }, // 284,00 + 56,80
      { product: product('19,99', '5,5'), quantity: 3 }, // 59,97 + 3,29835 → 3,30
      { product: product('0.25', '10'), quantity: 1 }, // 0,25 + 0,025 → 0,03
      { product: product('50', '20'), quantity: 0 }, // not ordered
    ])
    assert.deepEqual(
      cart.lines.map((l) => [l.htCents, l.vatCents, l.ttcCents]),
      [
        [28400, 5680, 34080],
        [5997, 330, 6327],
        [25, 3, 28],
      ]
    )
    assert.equal(cart.totalHtCents, 34422)
    assert.equal(cart.totalVatCents, 6013)
    assert.equal(cart.totalTtcCents, 40435)
  })

  test('amounts that floats get wrong stay exact', ({ assert }) => {
    // 0.1 × 3 = 0.30000000000000004 in floats.
    const cart = priceCart([{ product: product('0,10', '20'), quantity: 3 }])
    assert.equal(cart.totalHtCents, 30)
    assert.equal(cart.totalVatCents, 6)
    assert.equal(vatOf(1, 5000), 1) // 0,005 → 0,01 (half up)
    assert.equal(vatOf(1, 4999), 0)
    assert.equal(toCents('1234,5'), 123450)
    assert.equal(toCents('0.07'), 7)
  })
})
