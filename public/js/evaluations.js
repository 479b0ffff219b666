/*
 * Evaluations: the order of the chosen competences (drag and drop, buttons,
 * Alt+arrows), the learner picker (whole class, groups), and the grading
 * form's keyboard entry and autosave state. Everything works without it: the
 * forms post as they are.
 */
document.addEventListener('alpine:init', () => {
  window.Alpine.data('competenceOrder', () => ({
    items: [],
    dragged: null,
    announce: '',
    init() {
      const initial = JSON.parse(this.$el.dataset.initial || '[]').map(Number)
      const form = this.$el.closest('form')
      const seen = new Set()
      const boxes = [...form.querySelectorAll('input[name="competences[]"]:checked')].filter(
        (box) => !seen.has(box.value) && seen.add(box.value)
      )
      const rank = (id) => (initial.includes(id) ? initial.indexOf(id) : initial.length)
      this.items = boxes
        .map((box) => this.itemOf(box))
        .sort((a, b) => rank(a.id) - rank(b.id))
      form.addEventListener('change', (event) => {
        const box = event.target
        if (box.name !== 'competences[]') return
        const id = Number(box.value)
        if (box.checked && !this.items.some((item) => item.id === id)) {
          this.items.push(this.itemOf(box))
        } else if (!box.checked) {
          this.items = this.items.filter((item) => item.id !== id)
        }
      })
    },
    itemOf(box) {
      return { id: Number(box.value), code: box.dataset.code || '', name: box.dataset.name || '' }
    },
    move(index, delta) {
      const target = index + delta
      if (target < 0 || target >= this.items.length) return
      const [item] = this.items.splice(index, 1)
      this.items.splice(target, 0, item)
      this.said(item, target)
      this.$nextTick(() => this.$root.querySelectorAll('[data-order-item]')[target]?.focus())
    },
    drop(index) {
      if (this.dragged === null || this.dragged === index) return
      const [item] = this.items.splice(this.dragged, 1)
      this.items.splice(index, 0, item)
      this.dragged = null
      this.said(item, index)
    },
    said(item, index) {
      const template = this.$root.querySelector('[data-moved-label]').dataset.movedLabel
      this.announce = template.replace('__CODE__', item.code).replace('__RANK__', String(index + 1))
    },
  }))

  window.Alpine.data('learnerPicker', () => ({
    init() {
      // A learner of two classes has a box in each: keep them in step.
      this.$root.addEventListener('change', (event) => {
        const box = event.target
        if (!box.dataset.learner) return
        this.set([box.dataset.learner], box.checked)
      })
    },
    set(ids, on) {
      for (const id of ids)
        for (const box of this.$root.querySelectorAll(`input[data-learner="${Number(id)}"]`))
          box.checked = on
    },
    setClass(classId, on) {
      const ids = [
        ...this.$root.querySelectorAll(`[data-class="${Number(classId)}"] input[data-learner]`),
      ].map((box) => box.dataset.learner)
      this.set(ids, on)
    },
    setGroup(button) {
      this.set(JSON.parse(button.dataset.members || '[]'), true)
    },
  }))
})

/*
 * The grading form: 1–6 choose a level and go to the next line, 0 or Delete
 * clear, ↑ ↓ go to the line above or below; the saved state follows autosave
 * and the page warns before leaving with changes not saved.
 */
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('grading')
  if (!form) return
  const cells = () => [...form.querySelectorAll('[data-cell]')]
  const focusCell = (cell) => {
    if (!cell) return
    const radio = cell.querySelector('input:checked') || cell.querySelector('input')
    radio.focus()
  }
  form.addEventListener('keydown', (event) => {
    const radio = event.target
    if (radio.type !== 'radio' || event.altKey || event.ctrlKey || event.metaKey) return
    const cell = radio.closest('[data-cell]')
    const list = cells()
    const at = list.indexOf(cell)
    const radios = [...cell.querySelectorAll('input')]
    if (/^[1-6]$/.test(event.key)) {
      event.preventDefault()
      const choice = radios[Number(event.key) - 1]
      choice.checked = true
      choice.dispatchEvent(new Event('change', { bubbles: true }))
      focusCell(list[at + 1] || cell)
    } else if (event.key === '0' || event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      const none = radios[radios.length - 1]
      none.checked = true
      none.dispatchEvent(new Event('change', { bubbles: true }))
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      focusCell(list[at + (event.key === 'ArrowDown' ? 1 : -1)])
    }
  })

  const state = () => document.getElementById('save-state')
  let dirty = false
  const show = (kind) => {
    const node = state()
    if (!node) return
    node.dataset.state = kind
    node.className = `save-state is-${kind}`
    node.textContent = form.dataset[`${kind}Label`] || node.textContent
  }
  form.addEventListener('change', () => {
    dirty = true
    show('pending')
  })
  form.addEventListener('input', (event) => {
    if (event.target.tagName === 'TEXTAREA') {
      dirty = true
      show('pending')
    }
  })
  form.addEventListener('htmx:before:request', () => show('saving'))
  form.addEventListener('htmx:after:swap', () => {
    if (state()?.dataset.state === 'saved') dirty = false
  })
  form.addEventListener('htmx:error', () => show('offline'))
  form.addEventListener('submit', () => {
    dirty = false
  })
  window.addEventListener('beforeunload', (event) => {
    if (dirty) event.preventDefault()
  })
})
