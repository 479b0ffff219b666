import { test } from '@japa/runner'
import edge from 'edge.js'

test.group('Templates', () => {
  test('lose their indentation before they compile; e-mails keep theirs', async ({ assert }) => {
    const html = await edge.renderRaw(
      '<table>\n  <tr>\n    @each(n in [1, 2])\n      <td>{{ n }}</td>\n    @end\n  </tr>\n</table>'
    )
    assert.equal(html, '<table>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</table>')
    const mail = {
      path: '/app/orders/views/emails/assignment_text.edge',
      raw: 'Bonjour,\n\n  - un crédit\n',
    }
    assert.equal(edge.processor.executeRaw({ ...mail }), mail.raw)
    const page = {
      path: '/app/orders/views/pages/orders/index.edge',
      raw: '<p>\n\t  <b>x</b>\n</p>',
    }
    assert.equal(edge.processor.executeRaw({ ...page }), '<p>\n<b>x</b>\n</p>')
  })
})
