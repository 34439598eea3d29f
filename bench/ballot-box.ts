// Ballots for the cast-ballot scenario: every member unit votes once per election round, so a run needs a supply of
// open elections (leadership elections of the head for next year, drafted and opened through the service's API),
// each taking one ballot from every unit before the next election is used. One box per side: the baseline
// writes the same rows, so it uses up voters too.
import type { RawRequest } from 'autocannon'
import type { Call } from './seed.js'

const CANDIDATES = 5
const PARALLEL = 4

export function ballotBox (clusterId: string, termYear: number, unitIds: readonly string[], unitTokens: readonly string[]) {
  const open: string[] = []
  let handedOut = 0
  const voters = unitIds.length

  async function openOne (call: Call) {
    const election = await call('POST', `/v1/clusters/${clusterId}/elections`, {
      kind: 'leadership', office: 'head', termYear, candidateUnitIds: unitIds.slice(0, CANDIDATES)
    })
    await call('POST', `/v1/elections/${election.id}/open`, {})
    open.push(election.id)
  }

  return {
    /** Opens elections until `ballots` more can be cast; answers how many can be cast in all. */
    async ensure (call: Call, ballots: number): Promise<number> {
      const missing = Math.ceil((handedOut + ballots) / voters) - open.length
      for (let i = 0; i < missing; i += PARALLEL) {
        await Promise.all(Array.from({ length: Math.min(PARALLEL, missing - i) }, () => openOne(call)))
      }
      return open.length * voters - handedOut
    },
    /** The next unit's ballot, by its own token; past the supply it names no election (and fails, visibly). */
    next (): RawRequest {
      const n = handedOut++
      const voter = n % voters
      const electionId = open[Math.floor(n / voters)] ?? '00000000-0000-4000-8000-000000000000'
      return {
        method: 'POST',
        path: `/v1/elections/${electionId}/ballots`,
        headers: { authorization: unitTokens[voter], 'content-type': 'application/json' },
        body: JSON.stringify({ voterUnitId: unitIds[voter], choices: [unitIds[voter === 0 ? 1 : 0]] })
      }
    }
  }
}
