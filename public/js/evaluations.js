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
      this.items = boxes.map((box) => this.itemOf(box)).sort((a, b) => rank(a.id) - rank(b.id))
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
 * The grading form. Keyboard: 1–6 choose a level and go to the next line, 0
 * or Delete clear, ↑ ↓ go to the line above or below.
 * Autosave: each change waits a moment (comments until typing stops), then
 * what changed is posted with what the page showed before (expected...), one
 * request at a time; changes made meanwhile go in the next one. A field
 * changed elsewhere since is reported back and shown as stored. The badge says
 * pending / saving / saved / offline (retried) / error; the page warns before
 * leaving while anything is not saved.
 */
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('grading')
  if (!form) return
  const labels = form.dataset
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? ''
  const badge = document.getElementById('save-state')
  const live = document.getElementById('save-live')

  const cells = () => [...form.querySelectorAll('[data-cell]')]
  const radiosOf = (cell) => [...cell.querySelectorAll('input[type="radio"]')]
  const focusCell = (cell) => {
    if (!cell) return
    const radios = radiosOf(cell)
    ;(radios.find((radio) => radio.checked) || radios[0]).focus()
  }
  const choose = (radio) => {
    radio.checked = true
    radio.dispatchEvent(new Event('change', { bubbles: true }))
  }
  form.addEventListener('keydown', (event) => {
    const radio = event.target
    if (radio.type !== 'radio' || event.altKey || event.ctrlKey || event.metaKey) return
    const cell = radio.closest('[data-cell]')
    const list = cells()
    const at = list.indexOf(cell)
    const radios = radiosOf(cell)
    if (/^[1-6]$/.test(event.key)) {
      event.preventDefault()
      choose(radios[Number(event.key) - 1])
      focusCell(list[at + 1] || cell)
    } else if (event.key === '0' || event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      choose(radios[radios.length - 1])
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      focusCell(list[at + (event.key === 'ArrowDown' ? 1 : -1)])
    }
  })

  const field = (name) => form.querySelector(`[name="${CSS.escape(name)}"]`)
  /** The hidden input holding what the page shows as stored for a field. */
  const expectedOf = (name) => {
    if (name.startsWith('grades[')) return field('expected' + name.slice('grades'.length))
    if (name.startsWith('comments[')) return field('expected_' + name)
    if (name === 'visible') return field('expected_visible')
    return null
  }
  const valueOf = (target) =>
    target.type === 'checkbox' ? (target.checked ? '1' : '0') : target.value

  const pending = new Map()
  const rejected = new Map()
  let inFlight = false
  let timer = null
  let submitting = false
  const dirty = () => pending.size > 0 || rejected.size > 0 || inFlight || timer !== null

  const say = (kind, text) => {
    badge.dataset.state = kind
    badge.className = `save-state is-${kind}`
    badge.textContent = text
    // Screen readers hear outcomes, not every keystroke.
    if (kind !== 'pending' && kind !== 'saving') live.textContent = text
  }

  const queue = (target, delay) => {
    const name = target.name || ''
    if (!(name.startsWith('grades[') || name.startsWith('comments[') || name === 'visible')) return
    pending.set(name, valueOf(target))
    rejected.delete(name)
    target.closest('[data-cell]')?.classList.remove('conflict')
    say('pending', labels.pendingLabel)
    clearTimeout(timer)
    timer = setTimeout(flush, delay)
  }
  form.addEventListener('change', (event) => queue(event.target, 400))
  form.addEventListener('input', (event) => {
    if (event.target.tagName === 'TEXTAREA') queue(event.target, 1200)
  })

  const showStored = (conflict) => {
    if (conflict.competenceId === null) {
      const name = `comments[l${conflict.learnerId}]`
      field(name).value = conflict.stored ?? ''
      expectedOf(name).value = conflict.stored ?? ''
      return
    }
    const name = `grades[l${conflict.learnerId}][c${conflict.competenceId}]`
    const radio = form.querySelector(
      `input[type="radio"][name="${CSS.escape(name)}"][value="${CSS.escape(conflict.stored ?? '')}"]`
    )
    if (radio) radio.checked = true
    expectedOf(name).value = conflict.stored ?? ''
    const cell = radio?.closest('[data-cell]')
    cell?.classList.add('conflict')
    cell?.setAttribute('title', labels.conflictCellLabel)
  }

  async function flush() {
    clearTimeout(timer)
    timer = null
    if (inFlight || pending.size === 0) return
    const batch = new Map(pending)
    pending.clear()
    const body = new URLSearchParams()
    for (const [name, value] of batch) {
      const expected = expectedOf(name)
      if (name === 'visible') {
        body.set('visible_shown', '1')
        if (value === '1') body.set('visible', '1')
      } else {
        body.set(name, value)
      }
      if (expected) body.set(expected.name, expected.value)
    }
    inFlight = true
    say('saving', labels.savingLabel)
    let failure = null
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        redirect: 'manual',
        headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf },
      })
      if (response.type === 'opaqueredirect' || response.status === 401) {
        failure = { kind: 'expired' }
      } else {
        const data = await response.json().catch(() => null)
        if (!response.ok || !data) {
          failure = { kind: 'error', status: response.status, message: data && data.error }
        } else {
          for (const [name, value] of batch) {
            const expected = expectedOf(name)
            if (expected && !pending.has(name)) expected.value = value
          }
          for (const conflict of data.conflicts || []) showStored(conflict)
          if (data.conflicts && data.conflicts.length) live.textContent = labels.conflictLabel
          badge.dataset.savedAt = data.savedAt
        }
      }
    } catch {
      failure = { kind: 'offline' }
    } finally {
      inFlight = false
    }
    if (failure) {
      if (failure.kind === 'error' && failure.status === 422) {
        // Refused as it is (e.g. a comment too long): not sent again until changed.
        for (const [name, value] of batch) if (!pending.has(name)) rejected.set(name, value)
      } else {
        for (const [name, value] of batch) if (!pending.has(name)) pending.set(name, value)
      }
      if (failure.kind === 'offline') {
        say('offline', labels.offlineLabel)
        timer = setTimeout(flush, 5000)
      } else if (failure.kind === 'expired') {
        say('error', labels.expiredLabel)
      } else {
        say('error', failure.message || labels.errorLabel.replace('__STATUS__', failure.status))
      }
      return
    }
    if (pending.size > 0) return flush()
    if (rejected.size === 0)
      say('saved', labels.savedLabel.replace('__TIME__', badge.dataset.savedAt))
  }

  form.addEventListener('submit', () => {
    submitting = true
  })
  window.addEventListener('beforeunload', (event) => {
    if (!submitting && dirty()) event.preventDefault()
  })
  window.addEventListener('online', () => {
    if (pending.size) flush()
  })
})
