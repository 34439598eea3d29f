// What the fuzzer runs against: realistic records seeded through the API (clusters 9, 8 and 5 with their
// members, a term, a pledge with a signature, a conference, a published and a draft scoring scheme with a
// scorecard citing a stored file, another file, a discipline record, a campaign with participants, an award decision, a
// dossier), a token for every caller, and pools of ids that grow with every record a response shows, so new resources
// (elections…) get real ids too without edits here.
import { randomUUID } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import type { App } from '../../src/app.js'
import { signToken, type Actor } from '../../src/auth/tokens.js'
import { TEST_SECRET } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { pledge2022, seedCluster5, signer } from '../helpers/pledges.js'
import { CLUSTER_9_SCHEME } from '../helpers/scoring.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme } from '../helpers/scorecards.js'
import { createUnit } from '../helpers/units.js'
import type { Caller } from './requests.js'
import { FILE_SAMPLES } from './files.js'
import { named } from '../helpers/files.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const POOL_LIMIT = 500

export class Pools {
  private readonly pools = new Map<string, string[]>()

  add (pool: string, value: unknown): void {
    if (typeof value === 'number') value = String(value)
    if (typeof value !== 'string' || value === '') return
    const list = this.pools.get(pool) ?? []
    if (!list.includes(value) && list.length < POOL_LIMIT) list.push(value)
    this.pools.set(pool, list)
    if (pool !== 'any' && UUID.test(value)) this.add('any', value)
  }

  names (): string[] {
    return [...this.pools.keys()]
  }

  /** The index-th known id of the pool (the seeded, most useful ones come first), or a random uuid. */
  pick (pool: string, index: number): string {
    const list = this.pools.get(pool) ?? this.pools.get('any') ?? []
    if (list.length === 0) return randomUUID()
    // Skewed to the front: the seeded records are those in the most interesting states.
    const skewed = index % 3 === 0 ? index % Math.min(list.length, 4) : index
    return list[skewed % list.length]
  }

  /** Learns every id a response body shows: `*Id` fields anywhere, and the `id` of each resource it holds. */
  learn (body: unknown, resourceParam?: string): void {
    const visit = (node: unknown, depth: number): void => {
      if (depth > 6 || node === null || typeof node !== 'object') return
      if (Array.isArray(node)) return node.slice(0, 50).forEach((child) => visit(child, depth + 1))
      for (const [key, value] of Object.entries(node)) {
        if (/Id$/.test(key) && typeof value === 'string' && UUID.test(value)) this.add(key, value)
        else visit(value, depth + 1)
      }
    }
    visit(body, 0)
    const resources = Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : [body]
    if (!resourceParam) return
    for (const resource of resources) {
      const r = resource as Record<string, unknown> | null
      if (r && typeof r === 'object') this.add(resourceParam, r[resourceParam] ?? r.id)
    }
  }
}

export interface World {
  pools: Pools
  tokens: Record<Caller, string | undefined>
}

const signerAt = (claims: Record<string, unknown>, options: { clockTimestamp?: number } = {}) =>
  `Bearer ${createSigner({ key: TEST_SECRET, expiresIn: 60_000, ...options })(claims)}`

export async function seedWorld (app: App, admin: string): Promise<World> {
  const as = caller(app)(admin)
  const seeded = await seedClusters(app, admin, { members: '2018-10-04' })
  const cluster9 = seeded.cluster9.id as string
  const units9 = cluster9Ids(seeded.units)
  const { cluster5, unitIds: units5 } = await seedCluster5(app, admin, seeded.blockId)
  const outsider = await createUnit(app, admin, { name: 'Công an tỉnh Điện Biên', code: 'PA-DB', shortName: 'CA Điện Biên' })

  await expectStatus(as.put(`/v1/clusters/${cluster9}/terms/2024`, { headUnitId: units9[0], deputyUnitId: units9[1], chosenBy: 'rotation' }), 201)
  const pledge = await created(app, admin, `/v1/clusters/${cluster5.id}/pledges`, pledge2022(units5))
  await expectStatus(as.post(`/v1/pledges/${pledge.id}/open`, undefined), 200)
  const signing = { unitId: units5[0], ...signer(0) }
  const signed = await as.post(`/v1/pledges/${pledge.id}/signatures`, signing)
  if (signed.statusCode !== 201) throw new Error(`signing answered ${signed.statusCode}: ${signed.body}`)
  const draftPledge = await created(app, admin, `/v1/clusters/${cluster9}/pledges`, { ...pledge2022(units9), year: 2025 })
  const conference = await created(app, admin, `/v1/clusters/${cluster9}/conferences`, {
    kind: 'mid_year_review',
    title: 'Hội nghị sơ kết phong trào thi đua "Vì an ninh Tổ quốc" 6 tháng đầu năm 2024',
    year: 2024,
    heldAt: '2024-07-10T02:00:00Z',
    location: 'Hà Nội',
    chair: { name: 'Phạm Quang Cử', rank: 'Trung tướng', position: 'Cục trưởng Cục Y tế', unitId: units9[0] },
    attendingUnitIds: units9
  })
  const published = await publishScheme(app, admin, cluster9, units9)
  // Evidence files: Cục Y tế's report, cited by its scorecard, and the secretariat's minutes, cited by nothing.
  const upload = async (claims: Actor, name: string) => {
    const headers = { authorization: `Bearer ${signToken(TEST_SECRET, claims)}`, 'content-type': FILE_SAMPLES.pdf.type, 'content-disposition': named(name) }
    return (await expectStatus(app.inject({ method: 'POST', url: '/v1/files', headers, payload: FILE_SAMPLES.pdf.bytes }), 201)).id as string
  }
  const report = await upload({ sub: 'fuzz-unit-h06', role: 'unit', unitId: units9[0] }, 'Báo cáo thành tích Cục Y tế 2024.pdf')
  const minutes = await upload({ sub: 'fuzz-sec-9', role: 'secretariat', clusterId: cluster9 }, 'Biên bản kiểm tra chéo.pdf')
  const [first, ...rest] = CLUSTER_9_ENTRIES[0]
  const entries = [{ ...first, evidence: [...(first.evidence as unknown[] ?? []), { fileId: report }] }, ...rest]
  await expectStatus(as.put(`/v1/scoring-schemes/${published}/scorecards/${units9[0]}`, { entries }), 201)
  const draftScheme = await created(app, admin, `/v1/clusters/${cluster9}/scoring-schemes`, { ...CLUSTER_9_SCHEME, period: 'mid_year' })
  const record = await created(app, admin, `/v1/units/${units9[3]}/discipline-records`, { from: '2024-03-01', status: 'pending', note: 'Chờ xem xét kỷ luật' })
  // Elections in each state: an open head election (ballots go deep), a decided one (results, receipts), a draft.
  const election = (office: 'head' | 'deputy') => created(app, admin, `/v1/clusters/${cluster9}/elections`, {
    kind: 'leadership', office, termYear: 2030, candidateUnitIds: units9.slice(0, 3)
  })
  const decided = await election('head')
  await expectStatus(as.post(`/v1/elections/${decided.id}/open`, undefined), 200)
  const cast = await expectStatus(as.post(`/v1/elections/${decided.id}/ballots`, { voterUnitId: units9[0], choices: [units9[1]] }), 201)
  await expectStatus(as.post(`/v1/elections/${decided.id}/close`, undefined), 200)
  const opened = await election('head')
  await expectStatus(as.post(`/v1/elections/${opened.id}/open`, undefined), 200)
  const draftElection = await election('deputy')
  // A title vote (an admin's override stands for the ranking) and the dossier made from its proposal, in draft.
  const titleVote = await created(app, admin, `/v1/clusters/${cluster9}/elections`, {
    kind: 'title', titleCode: 'ministry_certificate', termYear: 2030, seats: 1, candidateUnitIds: [units9[2]], eligibilityOverride: { reason: 'Thành tích đột xuất' }
  })
  await expectStatus(as.post(`/v1/elections/${titleVote.id}/open`, undefined), 200)
  for (const voterUnitId of units9) await expectStatus(as.post(`/v1/elections/${titleVote.id}/ballots`, { voterUnitId, choices: [units9[2]] }), 201)
  await expectStatus(as.post(`/v1/elections/${titleVote.id}/close`, undefined), 200)
  const dossier = await created(app, admin, `/v1/clusters/${cluster9}/dossiers`, { year: 2030, titleCode: 'ministry_certificate' })

  // A campaign of cluster 9's block, running in 2024, with the cluster and a unit registered and the unit's result.
  const campaign = await created(app, admin, '/v1/campaigns', {
    name: 'Đợt thi đua cao điểm chào mừng kỷ niệm 79 năm Ngày truyền thống CAND', issuer: 'Bộ trưởng Bộ Công an',
    from: '2024-05-01', until: '2024-08-19', targets: [{ text: 'Hoàn thành 100% chỉ tiêu công tác', target: '100%' }],
    scope: { blockIds: [seeded.blockId] }
  })
  await created(app, admin, `/v1/campaigns/${campaign.id}/participants`, { clusterId: cluster9 })
  const participant = await created(app, admin, `/v1/campaigns/${campaign.id}/participants`, { unitId: units9[0] })
  await expectStatus(as.patch(`/v1/campaigns/${campaign.id}/participants/${participant.id}`, { result: 'Hoàn thành 3/3 chỉ tiêu' }), 200)

  // The Ministry's decision honouring 2024: Bằng khen to a unit of cluster 9 and Chiến sĩ thi đua to one of its officers.
  const awarded = await created(app, admin, '/v1/award-decisions', {
    number: '1234/QĐ-BCA-X03', date: '2025-01-20', issuer: 'Bộ Công an', signer: { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }, year: 2024,
    awards: [{ titleCode: 'ministry_certificate', unitId: units9[1] }, { titleCode: 'emulation_fighter', person: { name: 'Nguyễn Văn An', rank: 'Đại úy', unitId: units9[1] } }]
  })

  // Cụm 9's webhook subscription, with one delivery in its log (never sent: the fuzzer runs no jobs).
  const webhook = await created(app, `Bearer ${signToken(TEST_SECRET, { sub: 'fuzz-sec-9', role: 'secretariat', clusterId: cluster9 })}`, '/v1/webhooks', {
    url: 'https://thiduakhenthuong.cum9.example.vn/hooks', eventTypes: ['cluster.updated', 'election.closed'], description: 'Cổng thi đua Cụm 9'
  })
  const [lastEvent] = await app.db('events').orderBy('position', 'desc').limit(1)
  const [delivery] = await app.db('webhook_deliveries').insert({
    webhook_id: webhook.id, event_position: lastEvent.position, event_id: lastEvent.id, event_type: lastEvent.type, status: 'failed'
  }).returning('id')

  const pools = new Pools()
  pools.add('webhookId', webhook.id)
  pools.add('deliveryId', delivery.id)
  for (const id of [units9[0], ...Object.values(seeded.units), ...units5, outsider.id]) pools.add('unitId', id)
  for (const id of [cluster9, seeded.cluster8.id, cluster5.id]) pools.add('clusterId', id)
  pools.add('blockId', seeded.blockId)
  for (const id of [pledge.id, draftPledge.id]) pools.add('pledgeId', id)
  pools.add('conferenceId', conference.id)
  for (const id of [published, draftScheme.id]) pools.add('schemeId', id)
  pools.add('recordId', record.id)
  pools.add('campaignId', campaign.id)
  pools.add('participantId', participant.id)
  pools.add('decisionId', awarded.id)
  for (const award of awarded.awards as Array<{ id: string }>) pools.add('awardId', award.id)
  for (const id of [opened.id, decided.id, draftElection.id, titleVote.id]) pools.add('electionId', id)
  pools.add('dossierId', dossier.id)
  pools.add('receipt', cast.receipt)
  for (const id of [report, minutes]) pools.add('fileId', id)
  for (const year of [2024, 2022, 2025]) pools.add('year', year)

  const member = units9[0]
  const tokens: Record<Caller, string | undefined> = {
    admin,
    secretariatOwn: `Bearer ${signToken(TEST_SECRET, { sub: 'fuzz-sec-9', role: 'secretariat', clusterId: cluster9 })}`,
    secretariatOther: `Bearer ${signToken(TEST_SECRET, { sub: 'fuzz-sec-8', role: 'secretariat', clusterId: seeded.cluster8.id })}`,
    unitMember: `Bearer ${signToken(TEST_SECRET, { sub: 'fuzz-unit-h06', role: 'unit', unitId: member })}`,
    unitNonMember: `Bearer ${signToken(TEST_SECRET, { sub: 'fuzz-unit-db', role: 'unit', unitId: outsider.id })}`,
    reader: `Bearer ${signToken(TEST_SECRET, { sub: 'fuzz-reader', role: 'reader' })}`,
    none: undefined,
    garbage: 'Bearer not.a.jwt',
    wrongSecret: `Bearer ${signToken('another-secret-that-is-long-enough-for-hs256-!!', { sub: 'fuzz-admin', role: 'admin' })}`,
    expired: signerAt({ sub: 'fuzz-admin', role: 'admin' }, { clockTimestamp: Date.now() - 3_600_000 }),
    unknownRole: signerAt({ sub: 'fuzz-root', role: 'root' }),
    basic: 'Basic YWRtaW46YWRtaW4='
  }
  return { pools, tokens }
}
