// What the year tests driven through the generated client share (review-year; cluster-year to follow, see its commit): the app served on a
// real port behind Prism validating every call against the committed contract, a typed-answer check, the founding
// of Cụm thi đua số 9 with its member units, and the parts its schemes share.
import type { Test } from 'tap'
import { createThiduaClient, type Schemas, type ThiduaClient } from '../../client/index.js'
import { BLOCK_NAME } from '../helpers/clusters.js'
import { prismProxy, type PrismProxy } from './prism.js'
import { serve, type ActorClaims } from './serve.js'

/** Awaits a call that must answer `status` and returns its typed body; any other answer stops the year. */
export async function expectAnswer<D> (t: Test, call: Promise<{ data?: D, error?: unknown, response: Response }>, status: number, what: string): Promise<D> {
  const { data, error, response } = await call
  t.equal(response.status, status, what)
  if (response.status !== status || data === undefined) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(error)}`)
  }
  return data
}

/** The ETag of a versioned resource, as its answers carry it. */
export const etag = (resource: { version: number }) => `"v${resource.version}"`

export interface YearService {
  /** The app's clock: set `now` to move the year on. */
  clock: { now: Date }
  /** A client for an actor whose every call goes through Prism. */
  clientFor: (actor: ActorClaims) => ThiduaClient
  /** A client calling the app itself: Prism passes a non-JSON body on as text, which mangles a file's bytes. */
  directClientFor: (actor: ActorClaims) => ThiduaClient
  prism: PrismProxy
}

/**
 * The app on a fresh database with its clock at `start`, behind Prism: a request or response off the contract is
 * answered by Prism's own 422 or 500 (so the step fails), and `prism.violations()` lists the rest for the end.
 */
export async function yearService (t: Test, start: Date): Promise<YearService> {
  const clock = { now: start }
  const { baseUrl, token, clientFor: directClientFor } = await serve(t, { clock: () => clock.now })
  const prism = await prismProxy(t, baseUrl)
  return { clock, clientFor: (actor) => createThiduaClient(prism.baseUrl, token(actor)), directClientFor, prism }
}

/**
 * The block, `unitsToCreate`, Cụm thi đua số 9 (founded 2018-10-04) and every unit its member from `from`, by
 * `admin`; answers the cluster and the units in the order given.
 */
export async function foundCluster9 (t: Test, admin: ThiduaClient, unitsToCreate: ReadonlyArray<Schemas['NewUnit']>, from: string) {
  const block = await expectAnswer(t, admin.POST('/v1/blocks', { body: { name: BLOCK_NAME } }), 201, 'the block is created')
  const units: Array<Schemas['Unit']> = []
  for (const unit of unitsToCreate) {
    units.push(await expectAnswer(t, admin.POST('/v1/units', { body: unit }), 201, `${unit.name} is created`))
  }
  const cluster = await expectAnswer(t, admin.POST('/v1/clusters', {
    body: {
      number: 9,
      name: 'Cụm thi đua số 9',
      blockId: block.id,
      foundedOn: '2018-10-04',
      foundingDecision: { number: '5678/QĐ-BCA', date: '2018-10-04', issuer: 'Bộ Công an' }
    }
  }), 201, 'the cluster is created')
  t.match(cluster, { number: 9, blockId: block.id, foundedOn: '2018-10-04' })
  for (const { id: unitId } of units) {
    const membership = await expectAnswer(t, admin.POST('/v1/clusters/{clusterId}/members', {
      params: { path: { clusterId: cluster.id } }, body: { unitId, from }
    }), 201, 'a unit joins the cluster')
    t.match(membership, { clusterId: cluster.id, blockId: block.id, unitId, from, until: null })
  }
  return { block, cluster, units }
}

type Criterion = NonNullable<Schemas['NewScoringScheme']['criteria']>[number]

/** Group I of the schemes: a quantitative and a qualitative leaf (60 points). */
export const GROUP_I: Criterion = {
  code: 'I',
  name: 'Công tác xây dựng lực lượng',
  maxPoints: 60,
  kind: 'group',
  children: [
    { code: 'I.1', name: 'Tỷ lệ hoàn thành chỉ tiêu công tác (%)', maxPoints: 40, kind: 'quantitative' },
    { code: 'I.2', name: 'Không có CBCS vi phạm kỷ luật phải xử lý', maxPoints: 20, kind: 'qualitative' }
  ]
}

/** Bonus (+1 each) and deductions (−2 each), within [−10, 10]. */
export const BONUS_DEDUCTION: Criterion = {
  code: 'BD', name: 'Điểm thưởng, điểm trừ', maxPoints: 10, kind: 'bonus_deduction', bonusEach: 1, deductionEach: 2, minPoints: -10
}

/** The caps, bands, tie-breaks and Ministry-flag band of the schemes. */
export const SCHEME_RULES = {
  bonusCap: 10,
  deductionCap: 10,
  bands: [
    { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
    { code: 'good', name: 'Tốt', minTotal: 75 },
    { code: 'fair', name: 'Khá', minTotal: 50 },
    { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
  ],
  tieBreak: ['group:I', 'fewer_deductions'],
  ministryFlagBand: 'excellent'
} satisfies Omit<Schemas['NewScoringScheme'], 'year' | 'period' | 'criteria'>
