import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.store': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'invitations.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'locale.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'profile.show': { paramsTuple?: []; params?: {} }
    'profile.update': { paramsTuple?: []; params?: {} }
    'profile.password': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.create': { paramsTuple?: []; params?: {} }
    'users.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'users.store': { paramsTuple?: []; params?: {} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.enable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.links': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit.index': { paramsTuple?: []; params?: {} }
    'centres.index': { paramsTuple?: []; params?: {} }
    'centres.choices': { paramsTuple?: []; params?: {} }
    'centres.create': { paramsTuple?: []; params?: {} }
    'centres.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'centres.store': { paramsTuple?: []; params?: {} }
    'centres.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centres.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centres.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.index': { paramsTuple?: []; params?: {} }
    'groups.create': { paramsTuple?: []; params?: {} }
    'groups.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'groups.store': { paramsTuple?: []; params?: {} }
    'groups.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.hide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'divisions.index': { paramsTuple?: []; params?: {} }
    'divisions.store': { paramsTuple?: []; params?: {} }
    'divisions.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'divisions.reset_links': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'user_imports.show': { paramsTuple?: []; params?: {} }
    'user_imports.template': { paramsTuple?: []; params?: {} }
    'user_imports.preview': { paramsTuple?: []; params?: {} }
    'user_imports.apply': { paramsTuple?: []; params?: {} }
    'centres.logo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centre_profile.show': { paramsTuple?: []; params?: {} }
    'centre_profile.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.index': { paramsTuple?: []; params?: {} }
    'candidates.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'candidates.create': { paramsTuple?: []; params?: {} }
    'candidates.wizard': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'candidates.wizard.identity': { paramsTuple?: []; params?: {} }
    'candidates.wizard.account': { paramsTuple?: []; params?: {} }
    'candidates.wizard.information': { paramsTuple?: []; params?: {} }
    'candidates.retention': { paramsTuple?: []; params?: {} }
    'candidates.retention.update': { paramsTuple?: []; params?: {} }
    'candidates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.created': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'section': ParamValue} }
    'candidates.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'section': ParamValue} }
    'candidates.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.media': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'kind': ParamValue} }
    'candidates.personal_data': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.anonymise': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.anonymise.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.groups.add': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.groups.remove': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'groupId': ParamValue} }
    'group_candidates.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'group_candidates.picker': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.associate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.dissociate': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'candidateId': ParamValue} }
    'frameworks.index': { paramsTuple?: []; params?: {} }
    'frameworks.create': { paramsTuple?: []; params?: {} }
    'frameworks.store': { paramsTuple?: []; params?: {} }
    'frameworks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'frameworks.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'class_frameworks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'class_frameworks.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.index': { paramsTuple?: []; params?: {} }
    'scenarios.create': { paramsTuple?: []; params?: {} }
    'scenarios.store': { paramsTuple?: []; params?: {} }
    'scenarios.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.duplicate_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.duplicate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.attachment.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'scenarios.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'evaluations.index': { paramsTuple?: []; params?: {} }
    'evaluations.create': { paramsTuple?: []; params?: {} }
    'evaluations.store': { paramsTuple?: []; params?: {} }
    'evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.grade': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.sheet': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'my_evaluations.index': { paramsTuple?: []; params?: {} }
    'my_evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.index': { paramsTuple?: []; params?: {} }
    'messages.create': { paramsTuple?: []; params?: {} }
    'messages.store': { paramsTuple?: []; params?: {} }
    'messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'messages.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.reopen': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_requests.create': { paramsTuple?: []; params?: {} }
    'account_requests.store': { paramsTuple?: []; params?: {} }
    'account_requests.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_requests.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'coming_soon': { paramsTuple: [ParamValue]; params: {'feature': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'dev.mailbox': { paramsTuple?: []; params?: {} }
    'sessions.index': { paramsTuple?: []; params?: {} }
    'sessions.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'sessions.create': { paramsTuple?: []; params?: {} }
    'sessions.wizard': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'sessions.wizard.store': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'sessions.transition': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'action': ParamValue} }
    'sessions.registrations.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'sessions.access_codes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'registrations.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'absences.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'absences.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'purchase_orders.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'purchase_orders.sign_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'purchase_orders.sign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session_documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session_documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'session_documents.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'registration_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.template': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.apply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_requests.create': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue,'kind': ParamValue} }
    'registration_requests.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue,'kind': ParamValue} }
    'anomalies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'anomalyId': ParamValue} }
    'anomalies.process': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'anomalyId': ParamValue} }
    'anomalies.index': { paramsTuple?: []; params?: {} }
    'anomalies.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.save': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.template': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.import': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'results.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'attestations.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'attestations.batch': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'attestations.job': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'jobId': ParamValue} }
    'attestations.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'jobId': ParamValue} }
    'result_settings.show': { paramsTuple?: []; params?: {} }
    'result_settings.update': { paramsTuple?: []; params?: {} }
    'my_results.index': { paramsTuple?: []; params?: {} }
    'my_results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.index': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'requests.export': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'format': ParamValue} }
    'requests.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.reregister': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'products.index': { paramsTuple?: []; params?: {} }
    'products.create': { paramsTuple?: []; params?: {} }
    'products.store': { paramsTuple?: []; params?: {} }
    'products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'products.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.criteria.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.criteria.toggle': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'criterionId': ParamValue} }
    'oral.subjects.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.subjects.toggle': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'subjectId': ParamValue} }
    'preregistrations.index': { paramsTuple?: []; params?: {} }
    'preregistrations.transfer_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'preregistrations.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'preregistrations.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tariffs.index': { paramsTuple?: []; params?: {} }
    'tariffs.update': { paramsTuple?: []; params?: {} }
    'public.preregistration': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'public.preregistration.store': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'public.contact': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'verify.form': { paramsTuple?: []; params?: {} }
    'verify.lookup': { paramsTuple?: []; params?: {} }
    'verify.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'passport_sessions.index': { paramsTuple?: []; params?: {} }
    'passport_logs.store': { paramsTuple?: []; params?: {} }
    'passport_settings.show': { paramsTuple?: []; params?: {} }
    'passport_settings.update': { paramsTuple?: []; params?: {} }
    'passport_sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.capture': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_candidates.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_candidates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_media.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_uploads.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_parts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'part': ParamValue} }
    'passport_clips.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'clientId': ParamValue} }
    'passport_clips.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'clientId': ParamValue} }
    'passport_uploads.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_uploads.chunk': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.index': { paramsTuple?: []; params?: {} }
    'pro_situations.create': { paramsTuple?: []; params?: {} }
    'pro_situations.store': { paramsTuple?: []; params?: {} }
    'pro_situations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_prints.choose': { paramsTuple?: []; params?: {} }
    'pro_prints.mine': { paramsTuple?: []; params?: {} }
    'pro_prints.jury': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_prints.jury_pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_boards.mine': { paramsTuple?: []; params?: {} }
    'pro_boards.learner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_boards.heatmap': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.index': { paramsTuple?: []; params?: {} }
    'pro_filters.store': { paramsTuple?: []; params?: {} }
    'pro_filters.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.index': { paramsTuple?: []; params?: {} }
    'pro_reviews.learner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.lock': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.evaluate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.destroy_attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_products.index': { paramsTuple?: []; params?: {} }
    'credit_products.create': { paramsTuple?: []; params?: {} }
    'credit_products.store': { paramsTuple?: []; params?: {} }
    'credit_products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_orders.index': { paramsTuple?: []; params?: {} }
    'credit_orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'credit_orders.create': { paramsTuple?: []; params?: {} }
    'credit_orders.store': { paramsTuple?: []; params?: {} }
    'credit_orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_orders.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'order_payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'order_payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'order_deliveries.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bulk_credits.show': { paramsTuple?: []; params?: {} }
    'bulk_credits.choose': { paramsTuple?: []; params?: {} }
    'bulk_credits.assign_picker': { paramsTuple: [ParamValue]; params: {'type': ParamValue} }
    'bulk_credits.remove_picker': { paramsTuple?: []; params?: {} }
    'bulk_credits.assign': { paramsTuple?: []; params?: {} }
    'bulk_credits.remove': { paramsTuple?: []; params?: {} }
    'activation_codes.one': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activation_codes.picker': { paramsTuple?: []; params?: {} }
    'activation_codes.selection': { paramsTuple?: []; params?: {} }
    'activation_codes.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'credit_results.index': { paramsTuple?: []; params?: {} }
    'credit_results.import': { paramsTuple?: []; params?: {} }
    'api_tokens.index': { paramsTuple?: []; params?: {} }
    'api_tokens.store': { paramsTuple?: []; params?: {} }
    'api_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results_api.store': { paramsTuple?: []; params?: {} }
    'credit_documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'kind': ParamValue} }
    'credit_documents.create': { paramsTuple?: []; params?: {} }
    'credit_documents.choose': { paramsTuple?: []; params?: {} }
    'credit_documents.picker': { paramsTuple: [ParamValue]; params: {'kinds': ParamValue} }
    'credit_documents.store': { paramsTuple?: []; params?: {} }
    'credit_documents.job': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.index': { paramsTuple?: []; params?: {} }
    'partner_sessions.create': { paramsTuple?: []; params?: {} }
    'partner_sessions.store': { paramsTuple?: []; params?: {} }
    'partner_sessions.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'session.create': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'profile.show': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.create': { paramsTuple?: []; params?: {} }
    'users.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit.index': { paramsTuple?: []; params?: {} }
    'centres.index': { paramsTuple?: []; params?: {} }
    'centres.choices': { paramsTuple?: []; params?: {} }
    'centres.create': { paramsTuple?: []; params?: {} }
    'centres.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'centres.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centres.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.index': { paramsTuple?: []; params?: {} }
    'groups.create': { paramsTuple?: []; params?: {} }
    'groups.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'groups.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'divisions.index': { paramsTuple?: []; params?: {} }
    'divisions.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'user_imports.show': { paramsTuple?: []; params?: {} }
    'user_imports.template': { paramsTuple?: []; params?: {} }
    'centres.logo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centre_profile.show': { paramsTuple?: []; params?: {} }
    'candidates.index': { paramsTuple?: []; params?: {} }
    'candidates.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'candidates.create': { paramsTuple?: []; params?: {} }
    'candidates.wizard': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'candidates.retention': { paramsTuple?: []; params?: {} }
    'candidates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.created': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'section': ParamValue} }
    'candidates.media': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'kind': ParamValue} }
    'candidates.personal_data': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.anonymise': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'group_candidates.picker': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'frameworks.index': { paramsTuple?: []; params?: {} }
    'frameworks.create': { paramsTuple?: []; params?: {} }
    'frameworks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'class_frameworks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.index': { paramsTuple?: []; params?: {} }
    'scenarios.create': { paramsTuple?: []; params?: {} }
    'scenarios.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.duplicate_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'evaluations.index': { paramsTuple?: []; params?: {} }
    'evaluations.create': { paramsTuple?: []; params?: {} }
    'evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.sheet': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'my_evaluations.index': { paramsTuple?: []; params?: {} }
    'my_evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.index': { paramsTuple?: []; params?: {} }
    'messages.create': { paramsTuple?: []; params?: {} }
    'messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'account_requests.create': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'coming_soon': { paramsTuple: [ParamValue]; params: {'feature': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'dev.mailbox': { paramsTuple?: []; params?: {} }
    'sessions.index': { paramsTuple?: []; params?: {} }
    'sessions.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'sessions.create': { paramsTuple?: []; params?: {} }
    'sessions.wizard': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'sessions.registrations.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'sessions.access_codes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'absences.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'purchase_orders.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'purchase_orders.sign_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session_documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'registration_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.template': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_requests.create': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue,'kind': ParamValue} }
    'anomalies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.index': { paramsTuple?: []; params?: {} }
    'anomalies.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.template': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'attestations.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'attestations.job': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'jobId': ParamValue} }
    'attestations.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'jobId': ParamValue} }
    'result_settings.show': { paramsTuple?: []; params?: {} }
    'my_results.index': { paramsTuple?: []; params?: {} }
    'my_results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.index': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'requests.export': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'format': ParamValue} }
    'products.index': { paramsTuple?: []; params?: {} }
    'products.create': { paramsTuple?: []; params?: {} }
    'products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'products.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'preregistrations.index': { paramsTuple?: []; params?: {} }
    'preregistrations.transfer_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tariffs.index': { paramsTuple?: []; params?: {} }
    'public.preregistration': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'verify.form': { paramsTuple?: []; params?: {} }
    'verify.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'passport_sessions.index': { paramsTuple?: []; params?: {} }
    'passport_settings.show': { paramsTuple?: []; params?: {} }
    'passport_sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.capture': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_candidates.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_media.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_uploads.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.index': { paramsTuple?: []; params?: {} }
    'pro_situations.create': { paramsTuple?: []; params?: {} }
    'pro_situations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_prints.choose': { paramsTuple?: []; params?: {} }
    'pro_prints.mine': { paramsTuple?: []; params?: {} }
    'pro_prints.jury': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_prints.jury_pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_boards.mine': { paramsTuple?: []; params?: {} }
    'pro_boards.learner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_boards.heatmap': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.index': { paramsTuple?: []; params?: {} }
    'pro_filters.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.index': { paramsTuple?: []; params?: {} }
    'pro_reviews.learner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_products.index': { paramsTuple?: []; params?: {} }
    'credit_products.create': { paramsTuple?: []; params?: {} }
    'credit_products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_orders.index': { paramsTuple?: []; params?: {} }
    'credit_orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'credit_orders.create': { paramsTuple?: []; params?: {} }
    'credit_orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'order_payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bulk_credits.show': { paramsTuple?: []; params?: {} }
    'bulk_credits.choose': { paramsTuple?: []; params?: {} }
    'bulk_credits.assign_picker': { paramsTuple: [ParamValue]; params: {'type': ParamValue} }
    'bulk_credits.remove_picker': { paramsTuple?: []; params?: {} }
    'activation_codes.one': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activation_codes.picker': { paramsTuple?: []; params?: {} }
    'activation_codes.selection': { paramsTuple?: []; params?: {} }
    'activation_codes.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'credit_results.index': { paramsTuple?: []; params?: {} }
    'api_tokens.index': { paramsTuple?: []; params?: {} }
    'credit_documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'kind': ParamValue} }
    'credit_documents.create': { paramsTuple?: []; params?: {} }
    'credit_documents.choose': { paramsTuple?: []; params?: {} }
    'credit_documents.picker': { paramsTuple: [ParamValue]; params: {'kinds': ParamValue} }
    'credit_documents.job': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.index': { paramsTuple?: []; params?: {} }
    'partner_sessions.create': { paramsTuple?: []; params?: {} }
    'partner_sessions.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  HEAD: {
    'session.create': { paramsTuple?: []; params?: {} }
    'password_reset.create': { paramsTuple?: []; params?: {} }
    'password_reset.edit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'invitations.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'profile.show': { paramsTuple?: []; params?: {} }
    'users.index': { paramsTuple?: []; params?: {} }
    'users.create': { paramsTuple?: []; params?: {} }
    'users.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'audit.index': { paramsTuple?: []; params?: {} }
    'centres.index': { paramsTuple?: []; params?: {} }
    'centres.choices': { paramsTuple?: []; params?: {} }
    'centres.create': { paramsTuple?: []; params?: {} }
    'centres.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'centres.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centres.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.index': { paramsTuple?: []; params?: {} }
    'groups.create': { paramsTuple?: []; params?: {} }
    'groups.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'groups.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'divisions.index': { paramsTuple?: []; params?: {} }
    'divisions.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'user_imports.show': { paramsTuple?: []; params?: {} }
    'user_imports.template': { paramsTuple?: []; params?: {} }
    'centres.logo': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centre_profile.show': { paramsTuple?: []; params?: {} }
    'candidates.index': { paramsTuple?: []; params?: {} }
    'candidates.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'candidates.create': { paramsTuple?: []; params?: {} }
    'candidates.wizard': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'candidates.retention': { paramsTuple?: []; params?: {} }
    'candidates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.created': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'section': ParamValue} }
    'candidates.media': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'kind': ParamValue} }
    'candidates.personal_data': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.anonymise': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'group_candidates.picker': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'frameworks.index': { paramsTuple?: []; params?: {} }
    'frameworks.create': { paramsTuple?: []; params?: {} }
    'frameworks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'class_frameworks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.index': { paramsTuple?: []; params?: {} }
    'scenarios.create': { paramsTuple?: []; params?: {} }
    'scenarios.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.duplicate_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'evaluations.index': { paramsTuple?: []; params?: {} }
    'evaluations.create': { paramsTuple?: []; params?: {} }
    'evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.sheet': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.history': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'my_evaluations.index': { paramsTuple?: []; params?: {} }
    'my_evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.index': { paramsTuple?: []; params?: {} }
    'messages.create': { paramsTuple?: []; params?: {} }
    'messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.attachment': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'account_requests.create': { paramsTuple?: []; params?: {} }
    'dashboard': { paramsTuple?: []; params?: {} }
    'coming_soon': { paramsTuple: [ParamValue]; params: {'feature': ParamValue} }
    'health': { paramsTuple?: []; params?: {} }
    'dev.mailbox': { paramsTuple?: []; params?: {} }
    'sessions.index': { paramsTuple?: []; params?: {} }
    'sessions.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'sessions.create': { paramsTuple?: []; params?: {} }
    'sessions.wizard': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'sessions.registrations.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'sessions.access_codes': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'absences.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'purchase_orders.pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'purchase_orders.sign_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session_documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'registration_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.template': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.create': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_requests.create': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue,'kind': ParamValue} }
    'anomalies.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.index': { paramsTuple?: []; params?: {} }
    'anomalies.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.template': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.export': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'format': ParamValue} }
    'attestations.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'attestations.job': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'jobId': ParamValue} }
    'attestations.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'jobId': ParamValue} }
    'result_settings.show': { paramsTuple?: []; params?: {} }
    'my_results.index': { paramsTuple?: []; params?: {} }
    'my_results.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.index': { paramsTuple: [ParamValue]; params: {'kind': ParamValue} }
    'requests.export': { paramsTuple: [ParamValue,ParamValue]; params: {'kind': ParamValue,'format': ParamValue} }
    'products.index': { paramsTuple?: []; params?: {} }
    'products.create': { paramsTuple?: []; params?: {} }
    'products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'products.document': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'preregistrations.index': { paramsTuple?: []; params?: {} }
    'preregistrations.transfer_form': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tariffs.index': { paramsTuple?: []; params?: {} }
    'public.preregistration': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'verify.form': { paramsTuple?: []; params?: {} }
    'verify.show': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'passport_sessions.index': { paramsTuple?: []; params?: {} }
    'passport_settings.show': { paramsTuple?: []; params?: {} }
    'passport_sessions.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.capture': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_candidates.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_records.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_media.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_uploads.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.index': { paramsTuple?: []; params?: {} }
    'pro_situations.create': { paramsTuple?: []; params?: {} }
    'pro_situations.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_prints.choose': { paramsTuple?: []; params?: {} }
    'pro_prints.mine': { paramsTuple?: []; params?: {} }
    'pro_prints.jury': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_prints.jury_pdf': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_boards.mine': { paramsTuple?: []; params?: {} }
    'pro_boards.learner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_boards.heatmap': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.index': { paramsTuple?: []; params?: {} }
    'pro_filters.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.index': { paramsTuple?: []; params?: {} }
    'pro_reviews.learner': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_products.index': { paramsTuple?: []; params?: {} }
    'credit_products.create': { paramsTuple?: []; params?: {} }
    'credit_products.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_orders.index': { paramsTuple?: []; params?: {} }
    'credit_orders.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'credit_orders.create': { paramsTuple?: []; params?: {} }
    'credit_orders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'order_payments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bulk_credits.show': { paramsTuple?: []; params?: {} }
    'bulk_credits.choose': { paramsTuple?: []; params?: {} }
    'bulk_credits.assign_picker': { paramsTuple: [ParamValue]; params: {'type': ParamValue} }
    'bulk_credits.remove_picker': { paramsTuple?: []; params?: {} }
    'activation_codes.one': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'activation_codes.picker': { paramsTuple?: []; params?: {} }
    'activation_codes.selection': { paramsTuple?: []; params?: {} }
    'activation_codes.export': { paramsTuple: [ParamValue]; params: {'format': ParamValue} }
    'credit_results.index': { paramsTuple?: []; params?: {} }
    'api_tokens.index': { paramsTuple?: []; params?: {} }
    'credit_documents.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'kind': ParamValue} }
    'credit_documents.create': { paramsTuple?: []; params?: {} }
    'credit_documents.choose': { paramsTuple?: []; params?: {} }
    'credit_documents.picker': { paramsTuple: [ParamValue]; params: {'kinds': ParamValue} }
    'credit_documents.job': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_documents.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.index': { paramsTuple?: []; params?: {} }
    'partner_sessions.create': { paramsTuple?: []; params?: {} }
    'partner_sessions.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  POST: {
    'session.store': { paramsTuple?: []; params?: {} }
    'password_reset.store': { paramsTuple?: []; params?: {} }
    'password_reset.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'invitations.update': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'locale.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'users.store': { paramsTuple?: []; params?: {} }
    'users.disable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'users.links': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centres.store': { paramsTuple?: []; params?: {} }
    'groups.store': { paramsTuple?: []; params?: {} }
    'groups.hide': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'divisions.store': { paramsTuple?: []; params?: {} }
    'divisions.reset_links': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'user_imports.preview': { paramsTuple?: []; params?: {} }
    'user_imports.apply': { paramsTuple?: []; params?: {} }
    'candidates.wizard.identity': { paramsTuple?: []; params?: {} }
    'candidates.wizard.account': { paramsTuple?: []; params?: {} }
    'candidates.wizard.information': { paramsTuple?: []; params?: {} }
    'candidates.invite': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.anonymise.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.groups.add': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'group_candidates.associate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'frameworks.store': { paramsTuple?: []; params?: {} }
    'scenarios.store': { paramsTuple?: []; params?: {} }
    'scenarios.duplicate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.store': { paramsTuple?: []; params?: {} }
    'evaluations.grade': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.store': { paramsTuple?: []; params?: {} }
    'messages.reply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_requests.store': { paramsTuple?: []; params?: {} }
    'account_requests.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_requests.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'sessions.wizard.store': { paramsTuple: [ParamValue]; params: {'step': ParamValue} }
    'sessions.transition': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'action': ParamValue} }
    'purchase_orders.sign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session_documents.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.preview': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_imports.apply': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registration_requests.store': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue,'kind': ParamValue} }
    'anomalies.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'anomalies.process': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'anomalyId': ParamValue} }
    'results.save': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.import': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'results.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'attestations.batch': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.refuse': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'requests.reregister': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'products.store': { paramsTuple?: []; params?: {} }
    'oral.criteria.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.criteria.toggle': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'criterionId': ParamValue} }
    'oral.subjects.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'oral.subjects.toggle': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'subjectId': ParamValue} }
    'preregistrations.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'preregistrations.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'public.preregistration.store': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'public.contact': { paramsTuple: [ParamValue]; params: {'code': ParamValue} }
    'verify.lookup': { paramsTuple?: []; params?: {} }
    'passport_logs.store': { paramsTuple?: []; params?: {} }
    'passport_uploads.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.store': { paramsTuple?: []; params?: {} }
    'pro_filters.store': { paramsTuple?: []; params?: {} }
    'pro_reviews.lock': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_products.store': { paramsTuple?: []; params?: {} }
    'credit_orders.store': { paramsTuple?: []; params?: {} }
    'order_payments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'order_deliveries.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'bulk_credits.assign': { paramsTuple?: []; params?: {} }
    'bulk_credits.remove': { paramsTuple?: []; params?: {} }
    'credit_results.import': { paramsTuple?: []; params?: {} }
    'api_tokens.store': { paramsTuple?: []; params?: {} }
    'results_api.store': { paramsTuple?: []; params?: {} }
    'credit_documents.store': { paramsTuple?: []; params?: {} }
    'partner_sessions.store': { paramsTuple?: []; params?: {} }
  }
  PUT: {
    'profile.update': { paramsTuple?: []; params?: {} }
    'profile.password': { paramsTuple?: []; params?: {} }
    'users.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centres.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'centre_profile.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.retention.update': { paramsTuple?: []; params?: {} }
    'candidates.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'section': ParamValue} }
    'frameworks.assign': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'class_frameworks.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'evaluations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'registrations.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'absences.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'registrationId': ParamValue} }
    'result_settings.update': { paramsTuple?: []; params?: {} }
    'products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'tariffs.update': { paramsTuple?: []; params?: {} }
    'passport_settings.update': { paramsTuple?: []; params?: {} }
    'passport_candidates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'passport_parts.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'part': ParamValue} }
    'passport_uploads.chunk': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_reviews.evaluate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_products.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'users.enable': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'groups.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'candidates.groups.remove': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'groupId': ParamValue} }
    'group_candidates.dissociate': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'candidateId': ParamValue} }
    'scenarios.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'scenarios.attachment.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'evaluations.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.reopen': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'session_documents.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'documentId': ParamValue} }
    'anomalies.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'anomalyId': ParamValue} }
    'passport_clips.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'clientId': ParamValue} }
    'pro_situations.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_filters.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pro_situations.destroy_attachment': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_orders.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'credit_assignments.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'partner_sessions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PATCH: {
    'passport_clips.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'clientId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}