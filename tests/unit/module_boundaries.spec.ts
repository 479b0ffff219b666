import { test } from '@japa/runner'
import { ESLint } from 'eslint'
import app from '@adonisjs/core/services/app'

/**
 * Proves that `npm run lint` enforces STYLE.md's module rules: the files are
 * linted as if they sat at these paths in app/.
 */
async function lint(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: app.makePath() })
  const [result] = await eslint.lintText(code, { filePath: app.makePath(filePath) })
  return result.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message)
}

test.group('Module boundaries', (group) => {
  group.each.timeout(60000)

  test('a module may not deep-import another module', async ({ assert }) => {
    const messages = await lint(
      'app/centres/services/x.ts',
      "import User from '#accounts/models/user'\nexport default User\n"
    )
    assert.include(messages.join('\n'), 'Import another module through its index.ts')
  })

  test("a module may import another module's index", async ({ assert }) => {
    assert.deepEqual(
      await lint(
        'app/centres/services/x.ts',
        "import { User } from '#accounts'\nexport default User\n"
      ),
      []
    )
  })

  test('dependencies point one way: accounts cannot import centres', async ({ assert }) => {
    const messages = await lint(
      'app/accounts/services/x.ts',
      "import { Centre } from '#centres'\nexport default Centre\n"
    )
    assert.include(messages.join('\n'), 'Module "accounts" may only depend on')
  })

  test('the shared kernel imports no module', async ({ assert }) => {
    const messages = await lint(
      'app/shared/x.ts',
      "import { User } from '#accounts'\nexport default User\n"
    )
    assert.include(messages.join('\n'), 'app/shared is the kernel')
  })
})
