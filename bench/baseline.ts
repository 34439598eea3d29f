// The baseline: a bare Fastify app whose routes run the service's SQL for each benchmarked request (baseline-sql.ts)
// with pg and nothing else — no validation, auth, rate limit, audit, events, idempotency or scoring. It answers the
// rows it read (members) or their counts (ranking, save), so what it measures is HTTP + PostgreSQL, the floor under
// the service. Started by bench/service.ts as compiled JavaScript, like the service.
import { createHash, randomBytes } from 'node:crypto'
import Fastify from 'fastify'
import pg from 'pg'
import { BALLOT, INPUTS, MEMBERS, RANKING, SAVE } from './baseline-sql.js'

// The service's type parsers: calendar dates stay strings, counts are numbers.
pg.types.setTypeParser(1082, (value: string) => value)
pg.types.setTypeParser(20, (value: string) => Number(value))

// The same pool size as the service's default DB_POOL_MAX.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const app = Fastify({ logger: false })

type Params = Record<string, string>
const yearPeriod = (year: number) => [`${year}-01-01`, `${year + 1}-01-01`]

/** loadInputs' four reads, on `db` (the pool, or the transaction's client). */
async function readInputs (db: pg.Pool | pg.PoolClient, scheme: { id: string, cluster_id: string, year: number }) {
  const [from, until] = yearPeriod(scheme.year)
  const members = await db.query(INPUTS.members, [scheme.cluster_id, until, from])
  const targets = await db.query(INPUTS.targets, [scheme.id])
  const cards = await db.query(INPUTS.cards, [scheme.id])
  const disciplined = await db.query(INPUTS.disciplined, [scheme.cluster_id, 'pending', 'in_force', until, from])
  return { members: members.rowCount, targets: targets.rowCount, cards: cards.rowCount, disciplined: disciplined.rowCount }
}

app.get('/v1/clusters/:clusterId/members', async (request) => {
  const { clusterId } = request.params as Params
  const on = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  await pool.query(MEMBERS.cluster, [clusterId, 1])
  const { rows } = await pool.query(MEMBERS.page, [clusterId, on, on, 51])
  return { items: rows.slice(0, 50), nextCursor: null }
})

app.get('/v1/scoring-schemes/:schemeId/ranking', async (request) => {
  const { schemeId } = request.params as Params
  const { rows: [scheme] } = await pool.query(RANKING.scheme, [schemeId, 1])
  await pool.query(RANKING.cluster, [scheme.cluster_id, 1])
  await pool.query(RANKING.finalization, [schemeId, 1])
  // Every request reads what a ranking is computed from, as the service does when its cache misses: the
  // service's cached answers are its own gain, not the baseline's.
  await pool.query(RANKING.head, [1])
  return readInputs(pool, scheme)
})

app.put('/v1/scoring-schemes/:schemeId/scorecards/:unitId', async (request) => {
  const { schemeId, unitId } = request.params as Params
  const { entries } = request.body as { entries: unknown[] }
  const client = await pool.connect()
  try {
    await client.query('BEGIN;')
    const { rows: [scheme] } = await client.query(SAVE.scheme, [schemeId, 1])
    await client.query(SAVE.unit, [unitId, 1])
    const { rows: [card] } = await client.query(SAVE.card, [schemeId, unitId, 1])
    await client.query(SAVE.finalization, [schemeId, 1])
    const [from, until] = yearPeriod(scheme.year)
    await client.query(SAVE.member, [scheme.cluster_id, unitId, from, until, 1])
    const { rows: [saved] } = await client.query(SAVE.update, [JSON.stringify(entries), card.version + 1, schemeId, unitId])
    const read = await readInputs(client, scheme)
    await client.query('COMMIT;')
    return { version: saved.version, ...read }
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
})

app.post('/v1/elections/:electionId/ballots', async (request, reply) => {
  const { electionId } = request.params as Params
  const { voterUnitId, choices } = request.body as { voterUnitId: string, choices: string[] }
  const { rows: [election] } = await pool.query(BALLOT.admission, [electionId, 1])
  const client = await pool.connect()
  try {
    await client.query('BEGIN;')
    // The receipt as the service makes it: random, stored only as its hash.
    const receipt = randomBytes(24).toString('base64url')
    await client.query(BALLOT.ballot, [electionId, election.current_round, voterUnitId, JSON.stringify(choices), createHash('sha256').update(receipt).digest('hex')])
    await client.query('COMMIT;')
    return reply.code(201).send({ electionId, round: election.current_round, receipt })
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
})

app.get('/readyz', async () => {
  await pool.query('select 1')
  return { ok: true }
})

process.on('SIGTERM', () => {
  app.close().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1))
})

await app.listen({ port: Number(process.env.PORT ?? 3001), host: '127.0.0.1' })
