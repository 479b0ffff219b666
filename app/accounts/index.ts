/**
 * Public API of the accounts module: users, roles and the account links.
 * Other modules import from '#accounts' only.
 */
export { default as User } from '#accounts/models/user'
export type { UserStatus, Gender } from '#accounts/models/user'
export {
  sendInvitation,
  sendInvitations,
  sendPasswordReset,
} from '#accounts/services/account_links'
export { suggestLogin, uniqueLogin } from '#accounts/services/login_name'
export {
  ABSOLUTE_SESSION_HOURS,
  SESSION_EXPIRED_FLASH,
  dropCurrentSession,
  endUserSessions,
  sessionOutlived,
  sessionStamped,
  startUserSession,
} from '#accounts/services/user_sessions'
