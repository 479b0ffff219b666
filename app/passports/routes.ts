import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import '#passports/wiring'

const c = controllers.passports
const id = router.matchers.number()

router
  .group(() => {
    router.get('/passport', [c.PassportSessions, 'index']).as('passport_sessions.index')
    router.post('/passport/logs', [c.PassportLogs, 'store']).as('passport_logs.store')
    router.get('/passport/settings', [c.PassportSettings, 'show']).as('passport_settings.show')
    router.put('/passport/settings', [c.PassportSettings, 'update']).as('passport_settings.update')
    router
      .get('/passport/sessions/:id', [c.PassportSessions, 'show'])
      .as('passport_sessions.show')
      .where('id', id)
    router
      .get('/passport/registrations/:id', [c.PassportRecords, 'show'])
      .as('passport_records.show')
      .where('id', id)
    router
      .get('/passport/registrations/:id/capture', [c.PassportRecords, 'capture'])
      .as('passport_records.capture')
      .where('id', id)
    router
      .get('/passport/registrations/:id/candidate', [c.PassportCandidates, 'edit'])
      .as('passport_candidates.edit')
      .where('id', id)
    router
      .put('/passport/registrations/:id/candidate', [c.PassportCandidates, 'update'])
      .as('passport_candidates.update')
      .where('id', id)
    router
      .get('/passport/registrations/:id/export', [c.PassportRecords, 'export'])
      .as('passport_records.export')
      .where('id', id)
    router
      .get('/passport/media/:id', [c.PassportRecords, 'media'])
      .as('passport_media.show')
      .where('id', id)
    // The exam passport's resumable uploads (seed 000, "Télétransmission").
    router
      .post('/passport/registrations/:id/uploads', [c.PassportUploads, 'store'])
      .as('passport_uploads.store')
      .where('id', id)
    router
      .put('/passport/registrations/:id/parts/:part', [c.PassportUploads, 'part'])
      .as('passport_parts.update')
      .where('id', id)
      .where('part', /^(EO-A|EO-B|IO)$/)
    router
      .patch('/passport/registrations/:id/clips/:clientId', [c.PassportClips, 'update'])
      .as('passport_clips.update')
      .where('id', id)
      .where('clientId', /^[A-Za-z0-9_-]{1,64}$/)
    router
      .delete('/passport/registrations/:id/clips/:clientId', [c.PassportClips, 'destroy'])
      .as('passport_clips.destroy')
      .where('id', id)
      .where('clientId', /^[A-Za-z0-9_-]{1,64}$/)
    router.get('/passport/uploads/:id', [c.PassportUploads, 'show']).as('passport_uploads.show')
    router.put('/passport/uploads/:id', [c.PassportUploads, 'chunk']).as('passport_uploads.chunk')
    // The professional passport: a learner's situations (seed 002 §3.7, seed 003).
    router.get('/my/passport', [c.ProSituations, 'index']).as('pro_situations.index')
    router
      .get('/my/passport/situations/create', [c.ProSituations, 'create'])
      .as('pro_situations.create')
    router.post('/my/passport/situations', [c.ProSituations, 'store']).as('pro_situations.store')
    router
      .get('/my/passport/situations/:id/edit', [c.ProSituations, 'edit'])
      .as('pro_situations.edit')
      .where('id', id)
    router
      .put('/my/passport/situations/:id', [c.ProSituations, 'update'])
      .as('pro_situations.update')
      .where('id', id)
    router
      .delete('/my/passport/situations/:id', [c.ProSituations, 'destroy'])
      .as('pro_situations.destroy')
      .where('id', id)
    // The printable passport per exam unit (seed 003), and the jury's view.
    router.get('/my/passport/print', [c.ProPrints, 'choose']).as('pro_prints.choose')
    router.get('/my/passport/print.pdf', [c.ProPrints, 'mine']).as('pro_prints.mine')
    router
      .get('/pro-passports/learners/:id/passport', [c.ProPrints, 'jury'])
      .as('pro_prints.jury')
      .where('id', id)
    router
      .get('/pro-passports/learners/:id/passport.pdf', [c.ProPrints, 'juryPdf'])
      .as('pro_prints.jury_pdf')
      .where('id', id)
    // Mastery dashboards (seed 002 §3.9).
    router.get('/my/passport/dashboard', [c.ProBoards, 'mine']).as('pro_boards.mine')
    router
      .get('/pro-passports/learners/:id/dashboard', [c.ProBoards, 'learner'])
      .as('pro_boards.learner')
      .where('id', id)
    router
      .get('/pro-passports/classes/:id/heatmap', [c.ProBoards, 'heatmap'])
      .as('pro_boards.heatmap')
      .where('id', id)
    router.get('/pro-passports/filters', [c.ProBoards, 'filters']).as('pro_filters.index')
    router.post('/pro-passports/filters', [c.ProBoards, 'storeFilter']).as('pro_filters.store')
    router
      .get('/pro-passports/filters/:id/edit', [c.ProBoards, 'editFilter'])
      .as('pro_filters.edit')
      .where('id', id)
    router
      .put('/pro-passports/filters/:id', [c.ProBoards, 'updateFilter'])
      .as('pro_filters.update')
      .where('id', id)
    router
      .delete('/pro-passports/filters/:id', [c.ProBoards, 'destroyFilter'])
      .as('pro_filters.destroy')
      .where('id', id)
    // Teachers' review of their classes' passports (seed 002 §3.8).
    router.get('/pro-passports', [c.ProReviews, 'index']).as('pro_reviews.index')
    router
      .get('/pro-passports/learners/:id', [c.ProReviews, 'learner'])
      .as('pro_reviews.learner')
      .where('id', id)
    router
      .post('/pro-passports/learners/:id/locks', [c.ProReviews, 'lock'])
      .as('pro_reviews.lock')
      .where('id', id)
    router
      .get('/pro-passports/situations/:id', [c.ProReviews, 'show'])
      .as('pro_reviews.show')
      .where('id', id)
    router
      .put('/pro-passports/situations/:id/evaluation', [c.ProReviews, 'evaluate'])
      .as('pro_reviews.evaluate')
      .where('id', id)
    router
      .get('/pro-passports/attachments/:id', [c.ProReviews, 'attachment'])
      .as('pro_reviews.attachment')
      .where('id', id)
    router
      .delete('/my/passport/attachments/:id', [c.ProSituations, 'destroyAttachment'])
      .as('pro_situations.destroy_attachment')
      .where('id', id)
    router
      .get('/my/passport/attachments/:id', [c.ProSituations, 'attachment'])
      .as('pro_situations.attachment')
      .where('id', id)
  })
  .use(middleware.auth())
