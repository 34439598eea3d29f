// Prints a bearer token for the configured secret: npm run token -- --role admin [--unit-id ID] [--cluster-id ID]
import { parseArgs } from 'node:util'
import { DEFAULT_TOKEN_MAX_LIFETIME_HOURS, loadConfig } from '../config.js'
import { embeddedSecret, InvalidTokenError, signToken, tokenLifetime, ROLES, type Role } from '../auth/tokens.js'

const USAGE = `usage: npm run token -- --role ${ROLES.join('|')} [--unit-id UUID] [--cluster-id UUID] [--sub NAME] [--expires-in 12h]
--expires-in is at most TOKEN_MAX_LIFETIME_HOURS (${DEFAULT_TOKEN_MAX_LIFETIME_HOURS} hours by default).`

function main () {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      'unit-id': { type: 'string' },
      'cluster-id': { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (!values.role) throw new InvalidTokenError(`--role is required.\n${USAGE}`)
  const config = loadConfig()
  const secret = config.jwtSecret ?? embeddedSecret(config.dataDir)
  const role = values.role as Role
  const token = signToken(secret, {
    sub: values.sub ?? `cli-${role}`,
    role,
    unitId: values['unit-id'],
    clusterId: values['cluster-id']
  }, tokenLifetime(values['expires-in'], config.tokenMaxLifetimeHours))
  console.log(token)
}

try {
  main()
} catch (error) {
  // Bad arguments, a bad config or claims a role cannot have: say which, without a stack trace.
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
