// Writes the contract generated from the route schemas to openapi/openapi.json: npm run openapi
// `npm run openapi -- --check` writes nothing and exits 1 when the committed file differs (CI's drift check).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildApp } from '../app.js'
import { connect } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'

/** Where the committed contract lives, relative to the repository root. */
export const CONTRACT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi/openapi.json')

/** The contract as the file holds it: 2-space JSON and a final newline. */
export function serializeContract (document: unknown): string {
  return JSON.stringify(document, null, 2) + '\n'
}

/**
 * Builds the app on a throw-away in-memory database (no data directory, no server) and returns its OpenAPI
 * document, serialized as the committed file is.
 */
export async function generateContract (): Promise<string> {
  const db = await connect({ kind: 'embedded' })
  try {
    await migrateToLatest(db)
    const app = await buildApp({
      config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'silent', logPretty: false },
      db,
      jwtSecret: 'openapi-generation-only-secret-0123456789abcdef',
      logger: false
    })
    try {
      await app.ready()
      return serializeContract(app.swagger())
    } finally {
      await app.close()
    }
  } finally {
    await db.destroy()
  }
}

export async function main (argv: string[] = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      out: { type: 'string', default: CONTRACT_FILE }
    }
  })
  const file = path.resolve(values.out!)
  const generated = await generateContract()
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined
  if (values.check) {
    if (committed === generated) {
      console.log(`openapi: ${path.relative(process.cwd(), file)} is up to date.`)
      return 0
    }
    console.error(`openapi: ${path.relative(process.cwd(), file)} ${committed === undefined ? 'is missing' : 'differs from what the routes generate'}; run \`npm run openapi\` and commit it.`)
    return 1
  }
  if (committed === generated) {
    console.log(`openapi: ${path.relative(process.cwd(), file)} unchanged.`)
    return 0
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, generated)
  console.log(`openapi: wrote ${path.relative(process.cwd(), file)}.`)
  return 0
}

// Run only as the command, not when a test imports the generator.
const invokedDirectly = process.argv[1] !== undefined &&
  path.resolve(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') === fileURLToPath(import.meta.url).replace(/\.[cm]?[jt]s$/, '')
if (invokedDirectly) {
  main().then((code) => process.exit(code), (error) => {
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`openapi: ${(error as Error).message}\nusage: npm run openapi -- [--check] [--out FILE]`)
      process.exit(2)
    }
    console.error(`openapi: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    process.exit(1)
  })
}
