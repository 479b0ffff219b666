/*
 * Orders: the cart's live amounts (seed 004 §4.3). Amounts are whole cents
 * and VAT is rounded half up per line, exactly as the server computes them
 * (app/orders/services/orders.ts priceCart); no float touches a price. The
 * form posts the quantities as they are without it.
 */
document.addEventListener('alpine:init', () => {
  window.Alpine.data('cart', (max) => ({
    quantities: {},
    max,
    init() {
      for (const input of this.$root.querySelectorAll('[data-quantity]'))
        this.quantities[input.dataset.quantity] = this.clamp(input.value)
    },
    clamp(value) {
      const n = Number.parseInt(String(value), 10)
      return Number.isFinite(n) ? Math.min(Math.max(n, 0), this.max) : 0
    },
    step(id, delta) {
      this.quantities[id] = this.clamp((this.quantities[id] || 0) + delta)
    },
    line(id) {
      const row = this.$root.querySelector(`[data-line="${id}"]`)
      const unit = Number(row.dataset.unit)
      const rate = Number(row.dataset.vat)
      const ht = unit * (this.quantities[id] || 0)
      const vat = Math.floor((ht * rate + 5000) / 10000)
      return { ht, vat, ttc: ht + vat }
    },
    total(key) {
      return Object.keys(this.quantities).reduce((sum, id) => sum + this.line(id)[key], 0)
    },
    get count() {
      return Object.values(this.quantities).reduce((sum, q) => sum + q, 0)
    },
    money(cents) {
      return new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR', {
        style: 'currency',
        currency: 'EUR',
      }).format(cents / 100)
    },
  }))
})
