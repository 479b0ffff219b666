import mail from '@adonisjs/mail/services/main'
import UserToken from '#accounts/models/user_token'
import InvitationMail from '#accounts/mails/invitation_mail'
import PasswordResetMail from '#accounts/mails/password_reset_mail'
import type User from '#accounts/models/user'

/** Sends a fresh invitation link (older unused ones stop working). */
export async function sendInvitation(user: User) {
  const token = await UserToken.issue(user, 'invitation')
  await mail.send(new InvitationMail(user, token))
}

/**
 * Invitations of many users at once (an import): their links issued in bulk,
 * then one mail each.
 */
export async function sendInvitations(users: User[]) {
  const tokens = await UserToken.issueMany(users, 'invitation')
  for (const user of users) await mail.send(new InvitationMail(user, tokens.get(user.id)!))
}

/** Sends a fresh password-reset link (older unused ones stop working). */
export async function sendPasswordReset(user: User) {
  const token = await UserToken.issue(user, 'password_reset')
  await mail.send(new PasswordResetMail(user, token))
}
