export const policies = {
  AccountsAuditLogPolicy: () => import('#app/accounts/policies/audit_log_policy'),
  AccountsUserPolicy: () => import('#app/accounts/policies/user_policy'),
  CentrePolicy: () => import('#app/centres/policies/centre_policy'),
}

