/*
 * Exam passport capture (seed 000). Every captured item (photo, signature,
 * clip, grid) is written to IndexedDB first and stays there until the server
 * confirms it: a reload, a closed tab or a network cut loses nothing. While
 * recording, each second of audio is written as it arrives, so a tab closed
 * mid-recording leaves a clip that the next visit recovers. Uploads are
 * resumable: the item is declared (its id, size, SHA-256), the server says
 * how much it has, the rest goes in 512 KB chunks with their own SHA-256.
 */
const CHUNK = 512 * 1024
const DB_NAME = 'passerelle-passport'

/** Traces of confirmed items are kept 60 days (seed 000), then dropped. */
const KEEP_DAYS = 60

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
window.addEventListener('unhandledrejection', (event) =>
  passportLog.add('rejection', String(event.reason?.message ?? event.reason))
)

// The capture screens stay reachable on a flaky connection (public/sw.js).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {})
// Ask the browser not to evict what waits to be sent (Safari clears unused sites' data).
navigator.storage?.persist?.().catch(() => {})

/** crypto.randomUUID where the browser has it (Safari ≥ 15.4), a random v4 otherwise. */
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

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

/** One transaction; a full disk aborts it and rejects (never a silent loss). */
async function withStore(mode, work) {
  const db = await openStore()
  return new Promise((resolve, reject) => {
    const tx = db.transaction('items', mode)
    const result = work(tx.objectStore('items'))
    tx.oncomplete = () => resolve(result?.result ?? result)
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
  })
}

const store = {
  all: () => withStore('readonly', (s) => s.getAll()),
  get: (clientId) => withStore('readonly', (s) => s.get(clientId)),
  put: (item) => withStore('readwrite', (s) => s.put(item)),
  remove: (clientId) => withStore('readwrite', (s) => s.delete(clientId)),
  /** Writes an item and removes others in the same transaction (a retake replaces the old one). */
  replace: (item, removed) =>
    withStore('readwrite', (s) => {
      for (const clientId of removed) s.delete(clientId)
      return s.put(item)
    }),
  /** A registration's items captured by this user (a shared tablet keeps each examiner's apart). */
  of: async (registrationId, userId = currentUser()) =>
    (
      await withStore('readonly', (s) => s.index('registration').getAll(Number(registrationId)))
    ).filter((item) => (item.userId ?? userId) === userId),
}

/** The subjects chosen for a candidate on this device, per examiner. */
function subjectsKey(registrationId) {
  return `passerelle-passport-subjects-${registrationId}-${currentUser()}`
}
function readSubjects(registrationId) {
  try {
    return JSON.parse(localStorage.getItem(subjectsKey(registrationId)) ?? '{}') ?? {}
  } catch {
    return {}
  }
}
function writeSubjects(registrationId, value) {
  try {
    localStorage.setItem(subjectsKey(registrationId), JSON.stringify(value))
  } catch {
    // Storage full or refused: the choice stays on the page, the grids carry it.
  }
}

/** Who is using the page (the capture screen and the candidates list say it). */
function currentUser() {
  return Number(document.querySelector('[data-user]')?.dataset.user ?? 0)
}

async function sha256(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? ''

/** A fresh CSRF token (the page may come from the cache, or the session may have changed). */
async function refreshToken() {
  const page = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1]
  if (token) document.querySelector('meta[name="csrf-token"]')?.setAttribute('content', token)
  return Boolean(token)
}

async function call(url, options, retried = false) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    redirect: 'manual',
    ...options,
    headers: { 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf(), ...(options.headers || {}) },
  })
  // A redirect is a refused CSRF token: take a fresh one and try once more.
  if (response.type === 'opaqueredirect') {
    if (!retried && (await refreshToken())) return call(url, options, true)
    return { status: 419, body: {} }
  }
  const body = await response.json().catch(() => ({}))
  return { status: response.status, body }
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

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
  passportLog.add(
    'declare',
    `${item.kind} ${item.part ?? ''} ${item.blob.size} → ${declared.status}`
  )
  if (declared.status >= 400) throw refusal(declared)
  let { id, received, complete, mediaId } = declared.body
  let finishing = 0
  while (!complete) {
    onProgress(Math.round((received * 100) / item.blob.size))
    if (received === item.blob.size) {
      // All bytes are there: the server is finishing the file (or did not). Ask again, calmly.
      if (finishing++ > 0) await wait(Math.min(2000 * finishing, 10_000))
      if (finishing > 30) throw new Error('HTTP 503')
    }
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
    if (answer.status >= 400) throw refusal(answer)
    ;({ received, complete, mediaId } = answer.body)
  }
  onProgress(100)
  return mediaId
}

/** Where the server serves an item this device sent (null before). */
function mediaUrl(item) {
  return item.mediaId ? `/passport/media/${item.mediaId}` : null
}

/** The server's refusal as an error; `gone` when the clip was deleted meanwhile (410). */
function refusal(answer) {
  const error = new Error(answer.body?.message || `HTTP ${answer.status}`)
  error.gone = answer.status === 410 && answer.body?.error === 'passport_clip_deleted'
  return error
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
  const user = currentUser()
  for (const item of await store.all())
    if (item.state !== 'uploaded' && item.kind !== 'piece' && (item.userId ?? user) === user)
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
    signatureUrl: '',
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
    serverClips: [],
    urls: new Map(),
    recorder: {
      state: 'inactive',
      part: null,
      elapsed: 0,
      id: null,
      seq: 0,
      since: 0,
      media: null,
    },
    moving: null,
    moveText: '',
    deleting: null,

    async init() {
      this.registrationId = Number(this.$el.dataset.registration)
      this.labels = JSON.parse(this.$el.dataset.labels)
      const oral = this.$el.querySelector('[data-bank]')
      this.bank = oral ? JSON.parse(oral.dataset.bank) : []
      // Clips already on the server (from this device or another): played from there.
      this.serverClips = this.bank.flatMap((part) =>
        (part.uploaded ?? []).map((clip) => ({ ...clip, part: part.part }))
      )
      this.tab = this.bank[0]?.part ?? null
      for (const part of this.bank) if (part.chosen) this.subjects[part.part] = part.chosen
      // Subjects chosen on this device (kept until the grids carry them), over the server's.
      const kept = readSubjects(this.registrationId)
      for (const part of this.bank)
        if (part.subjects.some((s) => s.id === kept[part.part]))
          this.subjects[part.part] = kept[part.part]
      this.subjectsValidated =
        this.bank.length > 0 &&
        this.bank.every((part) => this.subjects[part.part]) &&
        (kept.validated === true || this.bank.every((part) => part.chosen))
      await this.guard(async () => {
        const limit = Date.now() - KEEP_DAYS * 864e5
        for (const item of await store.of(this.registrationId))
          if (item.state === 'uploaded' && Date.parse(item.capturedAt) < limit)
            await store.remove(item.clientId)
        await this.recoverPieces()
        await this.refresh()
      })
      window.addEventListener('online', () => this.uploadAll())
      // "Synchroniser" from the list: send what waits as soon as the page is open.
      if (new URLSearchParams(location.search).has('sync') && navigator.onLine) this.uploadAll()
      window.addEventListener('beforeunload', (event) => {
        if (this.recorder.state !== 'inactive') event.preventDefault()
      })
    },

    validateSubjects() {
      if (!this.bank.every((part) => this.subjects[part.part])) return
      writeSubjects(this.registrationId, { ...this.subjects, validated: true })
      this.subjectsValidated = true
      this.$nextTick(() => document.getElementById(`tab-${this.tab}`)?.focus())
    },
    changeSubjects() {
      if (this.recorder.state !== 'inactive') return
      this.subjectsValidated = false
      writeSubjects(this.registrationId, { ...this.subjects, validated: false })
    },
    cancelSubjects() {
      this.subjects = {}
      for (const part of this.bank) if (part.chosen) this.subjects[part.part] = part.chosen
      writeSubjects(this.registrationId, {})
    },

    /**
     * Where the candidate stands, from the server's state when the page opened
     * and what this device holds since: photo, signature, each section
     * recorded and graded.
     */
    get summary() {
      const local = (kind, part = null) =>
        this.items.some((i) => i.kind === kind && (part === null || i.part === part))
      return {
        photo: this.$root.dataset.photo !== '' || local('photo'),
        signature: this.$root.dataset.signature !== '' || local('signature'),
        parts: this.bank.map((part) => ({
          part: part.part,
          label: part.label,
          recorded: this.clipsOf(part.part).length > 0,
          graded: part.graded || local('grid', part.part),
        })),
      }
    },

    /** Runs a step; a storage or other failure is shown and logged, never swallowed. */
    async guard(step) {
      try {
        return await step()
      } catch (error) {
        this.status = `${this.labels.storageError} (${error?.name ?? ''} ${error?.message ?? ''})`
        passportLog.add('storage-error', `${error?.name ?? ''} ${error?.message ?? ''}`)
        return undefined
      }
    },

    async refresh() {
      const saved = await store.of(this.registrationId)
      const clips = saved
        .filter((item) => item.kind === 'clip')
        .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
      // The newest photo and signature are shown: this device's (its bytes, or the
      // server's copy once sent) or, when newer, the one the server had at opening.
      const latest = (kind) =>
        saved
          .filter((item) => item.kind === kind)
          .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
          .at(-1)
      const photo = latest('photo')
      const signature = latest('signature')
      const shown = [...clips, photo, signature].filter((item) => item?.blob)
      // One blob URL per item shown, kept while it is (re-creating them would stop playback).
      for (const [clientId, url] of this.urls)
        if (!shown.some((item) => item.clientId === clientId)) {
          URL.revokeObjectURL(url)
          this.urls.delete(clientId)
        }
      for (const item of shown)
        if (!this.urls.has(item.clientId))
          this.urls.set(item.clientId, URL.createObjectURL(item.blob))
      const preview = (item, kind) => {
        const server = this.$root.dataset[kind] || ''
        const serverAt = this.$root.dataset[`${kind}At`] || ''
        if (!item || (serverAt && serverAt > item.capturedAt)) return server
        return this.urls.get(item.clientId) ?? mediaUrl(item) ?? server
      }
      this.photoUrl = preview(photo, 'photo')
      this.signatureUrl = preview(signature, 'signature')
      this.clips = [
        ...clips.map((item) => ({
          ...item,
          // Once uploaded, the server's part wins (moved from another device).
          part: this.serverClips.find((c) => c.clientId === item.clientId)?.part ?? item.part,
          blob: undefined,
          url: this.urls.get(item.clientId) ?? this.serverUrl(item.clientId) ?? mediaUrl(item),
        })),
        ...this.serverClips
          .filter((clip) => !clips.some((c) => c.clientId === clip.clientId))
          .map((clip) => ({ ...clip, state: 'uploaded', server: true })),
      ].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
      this.items = saved
        .filter((item) => item.kind !== 'piece')
        .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
        .map((item) => ({
          ...item,
          blob: undefined,
          progress: item.state === 'uploaded' ? 100 : 0,
        }))
    },

    /** Keeps a captured item, replacing the pending one of the same kind (and part), in one step. */
    async keep(kind, blob, extra = {}) {
      if (!blob) throw new Error('empty capture')
      const item = {
        clientId: uuid(),
        registrationId: this.registrationId,
        userId: currentUser(),
        kind,
        part: null,
        blob,
        sha256: await sha256(blob),
        capturedAt: new Date().toISOString(),
        acceptedAt: null,
        durationMs: null,
        state: 'pending',
        ...extra,
      }
      const replaced = (await store.of(this.registrationId))
        .filter((old) => old.kind === kind && old.part === item.part && old.state !== 'uploaded')
        .map((old) => old.clientId)
      await store.replace(item, replaced)
      await this.refresh()
    },

    async startCamera() {
      this.cameraError = ''
      try {
        this.camera.stream = await navigator.mediaDevices.getUserMedia({
          // The examiner photographs the candidate: the rear camera where there is one.
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 } },
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
      await this.guard(() => this.showPhoto(blob))
    },

    /** A chosen file, decoded by the browser (any image it can show), re-encoded as JPEG. */
    async photoFromFile(event) {
      const file = event.target.files[0]
      event.target.value = ''
      if (!file) return
      await this.guard(async () => {
        const url = URL.createObjectURL(file)
        try {
          const image = new Image()
          image.src = url
          await image.decode()
          await this.showPhoto(await this.portrait(image, image.naturalWidth, image.naturalHeight))
        } finally {
          URL.revokeObjectURL(url)
        }
      })
    },

    async showPhoto(blob) {
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
      const saved = await this.guard(async () => {
        await this.keep('signature', blob, { acceptedAt: this.acceptedAt })
        return true
      })
      if (saved) this.padClear()
    },

    clock(ms) {
      const seconds = Math.floor((ms || 0) / 1000)
      return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
    },
    clipsOf(part) {
      return this.clips.filter((clip) => clip.part === part)
    },
    /** Clips of a section, on this device or already on the server: the grid needs one. */
    recorded(part) {
      return this.clipsOf(part).length > 0
    },

    /**
     * Records one clip of a section, Opus in WebM or Ogg where the browser has
     * it. Each second of audio goes to IndexedDB as it comes (a "piece").
     */
    async record(part) {
      if (this.recorder.state !== 'inactive') return
      this.recorder.state = 'starting'
      let stream
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false })
        if (!window.MediaRecorder) throw new Error('MediaRecorder missing')
      } catch (error) {
        for (const track of stream?.getTracks() ?? []) track.stop()
        this.recorder.state = 'inactive'
        this.status = this.labels.noMicrophone
        passportLog.add('microphone-error', error?.name ?? error?.message ?? '')
        return
      }
      const type = [
        'audio/webm;codecs=opus',
        'audio/ogg;codecs=opus',
        'audio/webm',
        'audio/mp4',
      ].find((candidate) => MediaRecorder.isTypeSupported(candidate))
      const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined)
      const recorder = this.recorder
      Object.assign(recorder, {
        part,
        id: uuid(),
        seq: 0,
        elapsed: 0,
        since: performance.now(),
        media,
      })
      const recording = recorder.id
      const pieces = []
      let writes = Promise.resolve()
      media.ondataavailable = (event) => {
        if (!event.data.size) return
        pieces.push(event.data)
        const piece = {
          clientId: `${recording}-${String(recorder.seq++).padStart(5, '0')}`,
          kind: 'piece',
          recording,
          registrationId: this.registrationId,
          userId: currentUser(),
          part,
          type: media.mimeType || 'audio/webm',
          blob: event.data,
          elapsed:
            recorder.elapsed +
            (recorder.state === 'recording' ? performance.now() - recorder.since : 0),
          capturedAt: new Date().toISOString(),
          state: 'piece',
        }
        writes = writes
          .then(() => store.put(piece))
          .catch((error) => {
            this.status = `${this.labels.storageError} (${error?.name ?? ''})`
            passportLog.add('piece-error', error?.name ?? '')
          })
      }
      media.onerror = (event) => passportLog.add('recorder-error', event.error?.name ?? '')
      media.onstop = async () => {
        for (const track of stream.getTracks()) track.stop()
        await writes
        const duration = Math.round(recorder.elapsed)
        const blob = new Blob(pieces, { type: media.mimeType || 'audio/webm' })
        await this.guard(async () => {
          await this.keepClip(part, blob, duration, recording)
        })
        recorder.state = 'inactive'
      }
      // A track that ends by itself (another app took the microphone, iOS): stop cleanly.
      for (const track of stream.getTracks()) track.onended = () => this.stop()
      media.start(1000)
      recorder.state = 'recording'
      passportLog.add('record-start', part)
      this.tick()
    },
    /** The timer counts recorded time only (pauses excluded), from the clock, not from ticks. */
    tick() {
      const recorder = this.recorder
      if (recorder.state === 'inactive' || recorder.state === 'stopping') return
      const running = recorder.state === 'recording' ? performance.now() - recorder.since : 0
      recorder.shown = recorder.elapsed + running
      setTimeout(() => this.tick(), 250)
    },
    pause() {
      const recorder = this.recorder
      recorder.media.pause()
      recorder.elapsed += performance.now() - recorder.since
      recorder.state = 'paused'
    },
    resume() {
      const recorder = this.recorder
      recorder.media.resume()
      recorder.since = performance.now()
      recorder.state = 'recording'
    },
    stop() {
      const recorder = this.recorder
      if (recorder.state === 'recording') recorder.elapsed += performance.now() - recorder.since
      if (recorder.state === 'inactive' || recorder.state === 'stopping') return
      recorder.state = 'stopping'
      if (recorder.media?.state !== 'inactive') recorder.media.stop()
      passportLog.add('record-stop', `${recorder.part} ${Math.round(recorder.elapsed)} ms`)
    },
    /** The finished clip replaces its pieces, in one step. */
    async keepClip(part, blob, durationMs, recording) {
      const pieces = (await store.of(this.registrationId))
        .filter((item) => item.kind === 'piece' && item.recording === recording)
        .map((item) => item.clientId)
      await store.replace(
        {
          clientId: recording,
          registrationId: this.registrationId,
          userId: currentUser(),
          kind: 'clip',
          part,
          blob,
          sha256: await sha256(blob),
          capturedAt: new Date().toISOString(),
          acceptedAt: null,
          durationMs,
          state: 'pending',
        },
        pieces
      )
      await this.refresh()
    },
    /** Pieces left by a recording that never stopped (tab closed, crash): they become its clip. */
    async recoverPieces() {
      const pieces = (await store.of(this.registrationId)).filter((item) => item.kind === 'piece')
      const recordings = new Map()
      for (const piece of pieces)
        recordings.set(piece.recording, [...(recordings.get(piece.recording) ?? []), piece])
      for (const [recording, list] of recordings) {
        list.sort((a, b) => a.clientId.localeCompare(b.clientId))
        const blob = new Blob(
          list.map((piece) => piece.blob),
          { type: list[0].type }
        )
        await this.keepClip(list[0].part, blob, Math.round(list.at(-1).elapsed ?? 0), recording)
        passportLog.add('recovered', `${list[0].part} ${list.length} pieces`)
      }
    },

    serverUrl(clientId) {
      return this.serverClips.find((clip) => clip.clientId === clientId)?.url ?? null
    },

    /**
     * A change to a clip the server may hold (sent, or declared once) goes to
     * the server first, which needs the network; the copy on this device
     * follows once it has answered. A clip never sent changes here only.
     * Answers 'local' (apply here), 'gone' (deleted meanwhile: remove here)
     * or false (nothing changed; the reason is shown).
     */
    async changeOnServer(clip, method, body) {
      if (clip.state === 'pending' && !clip.declared && !clip.server) return 'local'
      let answer
      try {
        answer = await call(
          `/passport/registrations/${this.registrationId}/clips/${encodeURIComponent(clip.clientId)}`,
          body
            ? {
                method,
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(body),
              }
            : { method }
        )
      } catch (error) {
        this.status = this.labels.needsNetwork
        passportLog.add('clip-change-offline', `${method} ${error?.message ?? ''}`)
        return false
      }
      if (answer.status < 300) return 'local'
      // Not (yet) a file on the server: its upload, if any, follows the device.
      if (answer.status === 404) return 'local'
      if (answer.status === 410) return 'gone'
      this.status = answer.body?.message ?? `${this.labels.serverRefused} (${answer.status})`
      passportLog.add('clip-change-refused', `${method} ${answer.status}`)
      return false
    },

    /** Moving a clip to the other section asks first (a click outside cancels). */
    confirmMove(clip) {
      const target = this.bank.find((part) => part.part !== clip.part)
      if (!target || this.busy) return
      this.moving = { clip, to: target.part }
      this.moveText = this.$root
        .querySelector('[data-move-label]')
        .dataset.moveLabel.replace('__SECTION__', target.label)
      this.$refs.moveDialog.showModal()
    },
    async move() {
      const { clip, to } = this.moving
      this.$refs.moveDialog.close()
      if (this.busy) return
      const outcome = await this.changeOnServer(clip, 'PATCH', { part: to })
      if (!outcome) return
      for (const server of this.serverClips) if (server.clientId === clip.clientId) server.part = to
      await this.guard(async () => {
        const saved = await store.get(clip.clientId)
        if (outcome === 'gone') await store.remove(clip.clientId)
        else if (saved) await store.put({ ...saved, part: to })
      })
      this.tab = to
      await this.refresh()
      this.$nextTick(() => document.getElementById(`tab-${to}`)?.focus())
    },
    confirmDelete(clip) {
      if (this.busy) return
      this.deleting = clip
      this.$refs.deleteDialog.showModal()
    },
    async removeClip() {
      const clip = this.deleting
      const part = clip.part
      this.$refs.deleteDialog.close()
      if (this.busy) return
      if (!(await this.changeOnServer(clip, 'DELETE'))) return
      this.serverClips = this.serverClips.filter((server) => server.clientId !== clip.clientId)
      await this.guard(() => store.remove(clip.clientId))
      await this.refresh()
      this.$nextTick(() => document.getElementById(`tab-${part}`)?.focus())
    },

    /** Tabs: ← → Home End move between sections. */
    tabKey(event, index) {
      const keys = {
        ArrowRight: index + 1,
        ArrowLeft: index - 1,
        Home: 0,
        End: this.bank.length - 1,
      }
      if (!(event.key in keys)) return
      event.preventDefault()
      const next = this.bank[(keys[event.key] + this.bank.length) % this.bank.length]
      this.tab = next.part
      this.$nextTick(() => document.getElementById(`tab-${next.part}`)?.focus())
    },

    /** The grid of a section, with its subject: kept, then sent with the rest. */
    async saveGrid(part) {
      await this.guard(async () => {
        const replaced = (await store.of(this.registrationId))
          .filter((i) => i.kind === 'grid' && i.part === part.part && i.state !== 'uploaded')
          .map((i) => i.clientId)
        await store.replace(
          {
            clientId: uuid(),
            registrationId: this.registrationId,
            userId: currentUser(),
            kind: 'grid',
            part: part.part,
            blob: null,
            // Plain data (Alpine's reactive proxies cannot be stored).
            payload: JSON.parse(
              JSON.stringify({ subjectId: this.subjects[part.part], grid: this.grids[part.part] })
            ),
            capturedAt: new Date().toISOString(),
            state: 'pending',
          },
          replaced
        )
        await this.refresh()
      })
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
        for (const listed of await store.of(this.registrationId)) {
          // Read again: a clip deleted or moved meanwhile goes as it is now, or not at all.
          const fresh = await store.get(listed.clientId)
          if (!fresh || fresh.state === 'uploaded' || fresh.kind === 'piece') continue
          // From now on the server may hold it: a move or a delete must ask the server.
          const saved = fresh.declared ? fresh : { ...fresh, declared: true }
          if (!fresh.declared) await store.put(saved)
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
            const current = await store.get(saved.clientId)
            if (current) await store.put({ ...current, blob: null, state: 'uploaded', mediaId })
            passportLog.add('uploaded', `${saved.kind} ${saved.part ?? ''} #${mediaId ?? ''}`)
          } catch (error) {
            this.status = error.message
            passportLog.add('upload-failed', `${saved.kind} ${saved.part ?? ''}: ${error.message}`)
            if (error.gone) {
              // Deleted from the passport (on another tablet): this copy goes too.
              await store.remove(saved.clientId)
              continue
            }
            const current = await store.get(saved.clientId)
            if (current) await store.put({ ...current, state: 'failed', error: error.message })
          }
        }
      } catch (error) {
        this.status = error.message
      } finally {
        this.busy = false
        await this.refresh()
      }
    },
  }))
})
