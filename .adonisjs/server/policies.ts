export const policies = {
  AccountsAuditLogPolicy: () => import('#app/accounts/policies/audit_log_policy'),
  AccountsUserPolicy: () => import('#app/accounts/policies/user_policy'),
}

