export const policies = {
  AuditLogPolicy: () => import('#app/accounts/policies/audit_log_policy'),
  UserPolicy: () => import('#app/accounts/policies/user_policy'),
  CandidatePolicy: () => import('#app/candidates/policies/candidate_policy'),
  CentrePolicy: () => import('#app/centres/policies/centre_policy'),
  DivisionPolicy: () => import('#app/centres/policies/division_policy'),
  GroupPolicy: () => import('#app/centres/policies/group_policy'),
  FrameworkPolicy: () => import('#app/evaluations/policies/framework_policy'),
  AccountRequestPolicy: () => import('#app/messaging/policies/account_request_policy'),
  ConversationPolicy: () => import('#app/messaging/policies/conversation_policy'),
  ProductPolicy: () => import('#app/sessions/policies/product_policy'),
  RequestPolicy: () => import('#app/sessions/policies/request_policy'),
  SessionPolicy: () => import('#app/sessions/policies/session_policy'),
}
