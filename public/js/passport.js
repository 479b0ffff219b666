/*
 * Exam passport capture (seed 000). Every captured item (photo, signature)
 * is written to IndexedDB first and stays there until the server confirms
 * it: a reload, a closed tab or a network cut loses nothing. Uploads are
 * resumable: the item is declared (its id, size, SHA-256), the server says
 * how much it has, the rest goes in 512 KB chunks with their own SHA-256.
 */
const CHUNK = 512 * 1024

/** A small diagnostic log kept on the device (the last 300 events), sent on request. */
const LOG_KEY = 'passerelle-passport-log'
const passportLog = {
  add(event, detail = '') {
    try {
      const lines = JSON.parse(localStorage.getItem(LOG_KEY) || '[]')
      lines.push(`${new Date().toISOString()} ${event} ${detail}`.trim())
      localStorage.setItem(LOG_KEY, JSON.stringify(lines.slice(-300)))
    } catch {}
  },
  text() {
    try {
      return JSON.parse(localStorage.getItem(LOG_KEY) || '[]').join('\n')
    } catch {
      return ''
    }
  },
}
window.passportLog = passportLog
window.addEventListener('error', (event) => passportLog.add('error', event.message))

// The capture screens stay reachable on a flaky connection (public/sw.js).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {})
const DB_NAME = 'passerelle-passport'

function openStore() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('items', { keyPath: 'clientId' })
      store.createIndex('registration', 'registrationId')
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

async function withStore(mode, work) {
  const db = await openStore()
  return new Promise((resolve, reject) => {
    const tx = db.transaction('items', mode)
    const result = work(tx.objectStore('items'))
    tx.oncomplete = () => resolve(result.result ?? result)
    tx.onerror = () => reject(tx.error)
  })
}

const store = {
  all: () => withStore('readonly', (s) => s.getAll()),
  put: (item) => withStore('readwrite', (s) => s.put(item)),
  remove: (clientId) => withStore('readwrite', (s) => s.delete(clientId)),
  of: (registrationId) =>
    withStore('readonly', (s) => s.index('registration').getAll(Number(registrationId))),
}

async function sha256(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? ''

/** Traces of confirmed items are kept 60 days (seed 000), then dropped. */
const KEEP_DAYS = 60

async function call(url, options) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    redirect: 'manual',
    ...options,
    headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf(), ...(options.headers || {}) },
  })
  // A redirect is the login page: the session has ended.
  if (response.type === 'opaqueredirect') return { status: 401, body: {} }
  const body = await response.json().catch(() => ({}))
  return { status: response.status, body }
}

/**
 * Sends one item; resumes where the server stands. Resolves with the server's
 * media id; rejects (item kept) on a network cut or a refusal.
 */
async function upload(item, onProgress) {
  const declared = await call(`/passport/registrations/${item.registrationId}/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      clientId: item.clientId,
      kind: item.kind,
      part: item.part,
      size: item.blob.size,
      sha256: item.sha256,
      capturedAt: item.capturedAt,
      acceptedAt: item.acceptedAt,
      durationMs: item.durationMs,
    }),
  })
  passportLog.add('declare', `${item.kind} ${item.part ?? ''} ${item.blob.size} → ${declared.status}`)
  if (declared.status >= 400) throw new Error(declared.body.message || `HTTP ${declared.status}`)
  let { id, received, complete, mediaId } = declared.body
  while (!complete) {
    onProgress(Math.round((received * 100) / item.blob.size))
    // All bytes are there but the server did not finish: an empty chunk asks it to.
    const chunk = item.blob.slice(received, received + CHUNK)
    const answer = await call(`/passport/uploads/${id}?offset=${received}`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Chunk-Sha256': await sha256(chunk),
      },
      body: chunk,
    })
    if (answer.status === 409) {
      received = answer.body.received
      continue
    }
    if (answer.status >= 400) throw new Error(answer.body.message || `HTTP ${answer.status}`)
    ;({ received, complete, mediaId } = answer.body)
  }
  onProgress(100)
  return mediaId
}

/** A section's subject and grid (small: one JSON request, idempotent). */
async function sendGrid(item) {
  const answer = await call(`/passport/registrations/${item.registrationId}/parts/${item.part}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(item.payload),
  })
  if (answer.status >= 400) throw new Error(answer.body.message || `HTTP ${answer.status}`)
  return null
}

/** The candidates list: what this device still has to send, per candidate ("à envoyer"). */
document.addEventListener('DOMContentLoaded', async () => {
  const badges = document.querySelectorAll('[data-pending-for]')
  if (badges.length === 0) return
  const waiting = new Map()
  for (const item of await store.all())
    if (item.state !== 'uploaded')
      waiting.set(item.registrationId, (waiting.get(item.registrationId) ?? 0) + 1)
  for (const badge of badges) {
    const count = waiting.get(Number(badge.dataset.pendingFor)) ?? 0
    if (!count) continue
    badge.textContent = badge.dataset.label.replace('__COUNT__', String(count))
    badge.hidden = false
  }
})

document.addEventListener('alpine:init', () => {
  window.Alpine.data('passportCapture', () => ({
    registrationId: 0,
    labels: {},
    items: [],
    busy: false,
    status: '',
    camera: { on: false, zoom: 1, stream: null },
    cameraError: '',
    photoUrl: '',
    accepted: false,
    acceptedAt: null,
    signed: false,
    drawing: false,
    last: null,
    bank: [],
    subjects: {},
    subjectsValidated: false,
    tab: null,
    grids: {},
    clips: [],
    recorder: {
      state: 'inactive',
      part: null,
      elapsed: 0,
      media: null,
      chunks: [],
      started: 0,
      timer: null,
    },
    moving: null,
    moveText: '',
    deleting: null,

    async init() {
      this.registrationId = Number(this.$el.dataset.registration)
      this.labels = JSON.parse(this.$el.dataset.labels)
      const oral = this.$el.querySelector('[data-bank]')
      this.bank = oral ? JSON.parse(oral.dataset.bank) : []
      this.tab = this.bank[0]?.part ?? null
      for (const part of this.bank) if (part.chosen) this.subjects[part.part] = part.chosen
      const limit = Date.now() - KEEP_DAYS * 864e5
      for (const item of await store.of(this.registrationId))
        if (item.state === 'uploaded' && Date.parse(item.capturedAt) < limit)
          await store.remove(item.clientId)
      await this.refresh()
      window.addEventListener('online', () => this.uploadAll())
    },

    async refresh() {
      const saved = await store.of(this.registrationId)
      for (const clip of this.clips) if (clip.url) URL.revokeObjectURL(clip.url)
      this.clips = saved
        .filter((item) => item.kind === 'clip' && item.blob)
        .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
        .map((item) => ({ ...item, blob: undefined, url: URL.createObjectURL(item.blob) }))
      this.items = saved
        .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
        .map((item) => ({
          ...item,
          blob: undefined,
          progress: item.state === 'uploaded' ? 100 : 0,
        }))
    },

    /** Keeps a captured item in the browser, replacing a pending one of the same kind. */
    async keep(kind, blob, extra = {}) {
      for (const item of await store.of(this.registrationId))
        if (item.kind === kind && item.state !== 'uploaded') await store.remove(item.clientId)
      await store.put({
        clientId: crypto.randomUUID(),
        registrationId: this.registrationId,
        kind,
        part: null,
        blob,
        sha256: await sha256(blob),
        capturedAt: new Date().toISOString(),
        acceptedAt: null,
        durationMs: null,
        state: 'pending',
        ...extra,
      })
      await this.refresh()
    },

    async startCamera() {
      this.cameraError = ''
      try {
        this.camera.stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'user', width: { ideal: 1280 } },
          audio: false,
        })
        this.$refs.video.srcObject = this.camera.stream
        await this.$refs.video.play()
        this.camera.on = true
      } catch (error) {
        this.cameraError = this.labels.noCamera
        passportLog.add('camera-error', error?.name ?? '')
      }
    },

    stopCamera() {
      for (const track of this.camera.stream?.getTracks() ?? []) track.stop()
      this.camera.on = false
    },

    /** Draws a source into a 600×800 portrait (zoom crops the centre), as JPEG. */
    async portrait(source, width, height, zoom = 1) {
      const canvas = document.createElement('canvas')
      canvas.width = 600
      canvas.height = 800
      const ratio = 600 / 800
      let w = width / zoom
      let h = height / zoom
      if (w / h > ratio) w = h * ratio
      else h = w / ratio
      canvas
        .getContext('2d')
        .drawImage(source, (width - w) / 2, (height - h) / 2, w, h, 0, 0, 600, 800)
      return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
    },

    async takePhoto() {
      const video = this.$refs.video
      const blob = await this.portrait(video, video.videoWidth, video.videoHeight, this.camera.zoom)
      this.stopCamera()
      await this.showPhoto(blob)
    },

    async photoFromFile(event) {
      const file = event.target.files[0]
      if (!file) return
      const bitmap = await createImageBitmap(file)
      await this.showPhoto(await this.portrait(bitmap, bitmap.width, bitmap.height))
      event.target.value = ''
    },

    async showPhoto(blob) {
      if (this.photoUrl) URL.revokeObjectURL(this.photoUrl)
      this.photoUrl = URL.createObjectURL(blob)
      await this.keep('photo', blob)
    },

    point(event) {
      const canvas = this.$refs.pad
      const box = canvas.getBoundingClientRect()
      return {
        x: ((event.clientX - box.left) * canvas.width) / box.width,
        y: ((event.clientY - box.top) * canvas.height) / box.height,
      }
    },
    padStart(event) {
      this.drawing = true
      this.last = this.point(event)
      this.$refs.pad.setPointerCapture?.(event.pointerId)
    },
    /** Smooth strokes: each segment is a curve through the midpoints. */
    padMove(event) {
      if (!this.drawing) return
      const context = this.$refs.pad.getContext('2d')
      const next = this.point(event)
      const middle = { x: (this.last.x + next.x) / 2, y: (this.last.y + next.y) / 2 }
      context.lineWidth = 2.6
      context.lineCap = 'round'
      context.lineJoin = 'round'
      context.strokeStyle = '#1d2330'
      context.beginPath()
      context.moveTo(this.last.mid?.x ?? this.last.x, this.last.mid?.y ?? this.last.y)
      context.quadraticCurveTo(this.last.x, this.last.y, middle.x, middle.y)
      context.stroke()
      this.last = { ...next, mid: middle }
      this.signed = true
    },
    padEnd() {
      this.drawing = false
    },
    padClear() {
      const canvas = this.$refs.pad
      canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height)
      this.signed = false
    },
    async saveSignature() {
      const blob = await new Promise((resolve) => this.$refs.pad.toBlob(resolve, 'image/png'))
      await this.keep('signature', blob, { acceptedAt: this.acceptedAt })
      this.padClear()
    },

    clock(ms) {
      const seconds = Math.floor((ms || 0) / 1000)
      return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
    },
    clipsOf(part) {
      return this.clips.filter((clip) => clip.part === part)
    },

    /** Records one clip of a section: Opus in WebM or Ogg where the browser has it. */
    async record(part) {
      let stream
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false })
      } catch (error) {
        this.status = this.labels.noMicrophone
        passportLog.add('microphone-error', error?.name ?? '')
        return
      }
      const type = [
        'audio/webm;codecs=opus',
        'audio/ogg;codecs=opus',
        'audio/webm',
        'audio/mp4',
      ].find((candidate) => window.MediaRecorder?.isTypeSupported(candidate))
      const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined)
      const recorder = this.recorder
      recorder.chunks = []
      recorder.part = part
      recorder.elapsed = 0
      recorder.media = media
      media.ondataavailable = (event) => event.data.size && recorder.chunks.push(event.data)
      media.onstop = async () => {
        for (const track of stream.getTracks()) track.stop()
        const blob = new Blob(recorder.chunks, { type: media.mimeType || 'audio/webm' })
        await this.keepClip(part, blob, recorder.elapsed)
      }
      media.start(1000)
      recorder.state = 'recording'
      recorder.started = Date.now()
      recorder.timer = setInterval(() => {
        if (recorder.state === 'recording') recorder.elapsed += 250
      }, 250)
    },
    pause() {
      this.recorder.media.pause()
      this.recorder.state = 'paused'
    },
    resume() {
      this.recorder.media.resume()
      this.recorder.state = 'recording'
    },
    stop() {
      clearInterval(this.recorder.timer)
      this.recorder.media.stop()
      this.recorder.state = 'inactive'
    },
    async keepClip(part, blob, durationMs) {
      await store.put({
        clientId: crypto.randomUUID(),
        registrationId: this.registrationId,
        kind: 'clip',
        part,
        blob,
        sha256: await sha256(blob),
        capturedAt: new Date().toISOString(),
        acceptedAt: null,
        durationMs,
        state: 'pending',
      })
      await this.refresh()
    },

    /** Moving a clip to the other section asks first (a click outside cancels). */
    confirmMove(clip) {
      const target = this.bank.find((part) => part.part !== clip.part)
      if (!target) return
      this.moving = { clip, to: target.part }
      this.moveText = this.$root
        .querySelector('[data-move-label]')
        .dataset.moveLabel.replace('__SECTION__', target.label)
      this.$refs.moveDialog.showModal()
    },
    async move() {
      const { clip, to } = this.moving
      const saved = (await store.of(this.registrationId)).find((i) => i.clientId === clip.clientId)
      if (saved && saved.state !== 'uploaded') await store.put({ ...saved, part: to })
      this.$refs.moveDialog.close()
      this.tab = to
      await this.refresh()
    },
    confirmDelete(clip) {
      this.deleting = clip
      this.$refs.deleteDialog.showModal()
    },
    async removeClip() {
      await store.remove(this.deleting.clientId)
      this.$refs.deleteDialog.close()
      await this.refresh()
    },

    /** The grid of a section, with its subject: kept, then sent with the rest. */
    async saveGrid(part) {
      for (const item of await store.of(this.registrationId))
        if (item.kind === 'grid' && item.part === part.part && item.state !== 'uploaded')
          await store.remove(item.clientId)
      await store.put({
        clientId: crypto.randomUUID(),
        registrationId: this.registrationId,
        kind: 'grid',
        part: part.part,
        blob: null,
        // Plain data (Alpine's reactive proxies cannot be stored).
        payload: JSON.parse(
          JSON.stringify({ subjectId: this.subjects[part.part], grid: this.grids[part.part] })
        ),
        capturedAt: new Date().toISOString(),
        state: 'pending',
      })
      await this.refresh()
      const next = this.bank.find(
        (p) =>
          p.part !== part.part && !this.items.some((i) => i.kind === 'grid' && i.part === p.part)
      )
      if (next) this.tab = next.part
    },

    /** "Tout enregistrer" / "Synchroniser": every item not yet confirmed, one after the other. */
    async uploadAll() {
      if (this.busy) return
      this.busy = true
      this.status = ''
      try {
        for (const saved of await store.of(this.registrationId)) {
          if (saved.state === 'uploaded') continue
          const shown = this.items.find((i) => i.clientId === saved.clientId)
          if (shown) shown.state = 'uploading'
          try {
            const mediaId =
              saved.kind === 'grid'
                ? await sendGrid(saved)
                : await upload(saved, (value) => {
                    if (shown) shown.progress = value
                  })
            // Confirmed: the bytes leave the browser, a trace stays for the list.
            await store.put({ ...saved, blob: null, state: 'uploaded', mediaId })
            if (shown) shown.state = 'uploaded'
            passportLog.add('uploaded', `${saved.kind} ${saved.part ?? ''} #${mediaId ?? ''}`)
          } catch (error) {
            if (shown) shown.state = 'failed'
            this.status = error.message
            passportLog.add('upload-failed', `${saved.kind} ${saved.part ?? ''}: ${error.message}`)
          }
        }
      } finally {
        this.busy = false
        await this.refresh()
      }
    },
  }))
})
