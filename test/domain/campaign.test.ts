import t from 'tap'
import fc from 'fast-check'
import {
  assertActsFor, assertCampaignPeriod, assertInScope, assertPhaseAllows, assertScopeKeeps, CAMPAIGN_PHASES, campaignPhase,
  MAX_CAMPAIGN_DAYS, normalizeCampaign, scopeReaches, type CampaignAction, type CampaignPhase, type CampaignScope, type Reach
} from '../../src/domain/campaign.js'
import { outcome } from '../helpers/outcome.js'

// The 120-day campaign of seed 002's city police for the 80th anniversary (21/4 – 19/8/2025).
const PERIOD = { from: '2025-04-21', until: '2025-08-19' }
const scope = (s: Partial<CampaignScope>): CampaignScope => ({ blockIds: [], clusterIds: [], unitIds: [], ...s })

t.test('campaignPhase: upcoming before the first day, running through the last, ended after it', async (t) => {
  const table: Array<[string, CampaignPhase]> = [
    ['2025-04-20', 'upcoming'], ['2025-04-21', 'running'], ['2025-06-01', 'running'], ['2025-08-19', 'running'], ['2025-08-20', 'ended']
  ]
  for (const [today, phase] of table) t.equal(campaignPhase(PERIOD, today), phase, today)
})

t.test('the lifecycle: what each phase allows, to an admin and to anyone else', async (t) => {
  const table: Array<[CampaignAction, CampaignPhase, boolean, string]> = [
    ['register', 'upcoming', false, 'ok'],
    ['register', 'running', false, 'ok'],
    ['register', 'ended', false, 'conflict:campaign_ended'],
    ['register', 'ended', true, 'ok'], // an admin records a campaign of the past
    ['report', 'upcoming', false, 'conflict:campaign_not_started'],
    ['report', 'upcoming', true, 'conflict:campaign_not_started'], // not even an admin reports before the start
    ['report', 'running', false, 'ok'],
    ['report', 'ended', false, 'ok'] // results come at the review after the end
  ]
  for (const [action, phase, admin, expected] of table) {
    t.equal(outcome(() => assertPhaseAllows(action, phase, PERIOD, admin)), expected, `${action} while ${phase}${admin ? ' (admin)' : ''}`)
  }
  t.same([...CAMPAIGN_PHASES], ['upcoming', 'running', 'ended'])
})

t.test('assertCampaignPeriod: from ≤ until, at most five years, the decision no later than the last day', async (t) => {
  const table: Array<[string, string, string | null, string]> = [
    ['2025-04-21', '2025-08-19', '2025-04-15', 'ok'],
    ['2025-08-19', '2025-08-19', null, 'ok'], // a one-day campaign
    ['2025-08-19', '2025-08-18', null, 'rule:campaign_period_invalid'],
    ['2021-01-01', '2025-12-31', null, 'ok'], // a five-year phong trào
    ['2021-01-01', '2026-01-06', null, 'rule:campaign_period_invalid'],
    ['2025-04-21', '2025-08-19', '2025-08-19', 'ok'],
    ['2025-04-21', '2025-08-19', '2025-08-20', 'rule:campaign_period_invalid']
  ]
  for (const [from, until, date, expected] of table) {
    t.equal(outcome(() => assertCampaignPeriod({ from, until }, date ? { number: '1/KH', date } : null)), expected, `${from} → ${until}, decision ${date}`)
  }
  t.equal(MAX_CAMPAIGN_DAYS, 1830)
})

t.test('scopeReaches: the ministry, a block, a cluster or a unit named', async (t) => {
  const cluster9: Reach = { kind: 'cluster', clusterId: 'c9', blockId: 'b1' }
  const unitIn9: Reach = { kind: 'unit', unitId: 'u1', memberships: [{ clusterId: 'c9', blockId: 'b1' }] }
  const unitOutside: Reach = { kind: 'unit', unitId: 'u2', memberships: [] }
  const table: Array<[string, CampaignScope, Reach, boolean]> = [
    ['ministry-wide reaches a cluster', scope({}), cluster9, true],
    ['ministry-wide reaches a unit in no cluster', scope({}), unitOutside, true],
    ['its block named', scope({ blockIds: ['b1'] }), cluster9, true],
    ['another block named', scope({ blockIds: ['b2'] }), cluster9, false],
    ['the cluster named', scope({ clusterIds: ['c9'] }), cluster9, true],
    ['a unit of it named does not bring the cluster', scope({ unitIds: ['u1'] }), cluster9, false],
    ['a unit through its cluster', scope({ clusterIds: ['c9'] }), unitIn9, true],
    ['a unit through its block', scope({ blockIds: ['b1'] }), unitIn9, true],
    ['a unit named', scope({ unitIds: ['u2'] }), unitOutside, true],
    ['a unit in no scoped cluster', scope({ clusterIds: ['c8'] }), unitIn9, false]
  ]
  for (const [name, s, reach, expected] of table) {
    t.equal(scopeReaches(s, reach), expected, name)
    t.equal(outcome(() => assertInScope(s, reach)), expected ? 'ok' : 'rule:campaign_participant_out_of_scope', name)
  }
})

t.test('a wider scope reaches everyone a narrower one does (property)', async (t) => {
  const ids = (prefix: string) => fc.uniqueArray(fc.constantFrom(...[1, 2, 3, 4].map((n) => `${prefix}${n}`)), { maxLength: 4 })
  const scopes = fc.record({ blockIds: ids('b'), clusterIds: ids('c'), unitIds: ids('u') })
  const membership = fc.record({ clusterId: fc.constantFrom('c1', 'c2', 'c3', 'c4'), blockId: fc.constantFrom('b1', 'b2', 'b3', 'b4') })
  const reach: fc.Arbitrary<Reach> = fc.oneof(
    membership.map((m) => ({ kind: 'cluster' as const, ...m })),
    fc.record({ unitId: fc.constantFrom('u1', 'u2', 'u3', 'u4'), memberships: fc.array(membership, { maxLength: 3 }) }).map((u) => ({ kind: 'unit' as const, ...u }))
  )
  fc.assert(fc.property(scopes, scopes, reach, (narrow, extra, r) => {
    if (!scopeReaches(narrow, r)) return
    const nonEmpty = narrow.blockIds.length + narrow.clusterIds.length + narrow.unitIds.length > 0
    // Adding ids to a scope that names some keeps everyone it reached; the empty scope already reaches all.
    const wider = nonEmpty
      ? { blockIds: [...narrow.blockIds, ...extra.blockIds], clusterIds: [...narrow.clusterIds, ...extra.clusterIds], unitIds: [...narrow.unitIds, ...extra.unitIds] }
      : narrow
    if (!scopeReaches(wider, r)) throw new Error(`${JSON.stringify(wider)} lost ${JSON.stringify(r)}`)
  }))
  t.pass('no counterexample')
})

t.test('assertScopeKeeps names the first registered participant a changed scope leaves out', async (t) => {
  const participants = [
    { participantId: 'p1', kind: 'cluster' as const, clusterId: 'c9', blockId: 'b1' },
    { participantId: 'p2', kind: 'unit' as const, unitId: 'u7', memberships: [] }
  ]
  t.equal(outcome(() => assertScopeKeeps(scope({ blockIds: ['b1'], unitIds: ['u7'] }), participants)), 'ok')
  t.equal(outcome(() => assertScopeKeeps(scope({}), participants)), 'ok', 'ministry-wide keeps everyone')
  t.throws(() => assertScopeKeeps(scope({ blockIds: ['b1'] }), participants), { code: 'campaign_scope_excludes_participant', details: { participantId: 'p2' } })
})

t.test('assertActsFor: an admin for anyone, a secretariat for its cluster and members, a unit for itself', async (t) => {
  const cluster9: Reach = { kind: 'cluster', clusterId: 'c9', blockId: 'b1' }
  const unitIn9: Reach = { kind: 'unit', unitId: 'u1', memberships: [{ clusterId: 'c9', blockId: 'b1' }] }
  const table: Array<[string, { role: string, clusterId?: string, unitId?: string }, Reach, string]> = [
    ['admin, a cluster', { role: 'admin' }, cluster9, 'ok'],
    ['secretariat of 9, cluster 9', { role: 'secretariat', clusterId: 'c9' }, cluster9, 'ok'],
    ['secretariat of 9, its member', { role: 'secretariat', clusterId: 'c9' }, unitIn9, 'ok'],
    ['secretariat of 8, cluster 9', { role: 'secretariat', clusterId: 'c8' }, cluster9, 'forbidden:forbidden'],
    ['secretariat of 8, a member of 9', { role: 'secretariat', clusterId: 'c8' }, unitIn9, 'forbidden:forbidden'],
    ['the unit itself', { role: 'unit', unitId: 'u1' }, unitIn9, 'ok'],
    ['another unit', { role: 'unit', unitId: 'u2' }, unitIn9, 'forbidden:forbidden'],
    ['a unit for its cluster', { role: 'unit', unitId: 'u1' }, cluster9, 'forbidden:forbidden'],
    ['a reader', { role: 'reader' }, unitIn9, 'forbidden:forbidden']
  ]
  for (const [name, caller, reach, expected] of table) t.equal(outcome(() => assertActsFor(caller, reach)), expected, name)
})

t.test('normalizeCampaign: texts folded, empty optionals null, scope lists filled in', async (t) => {
  const content = normalizeCampaign({
    name: '  Đợt thi đua   cao điểm ', slogan: '   ', issuer: 'Giám đốc Công an thành phố Hà Nội', occasion: null,
    ...PERIOD, targets: [{ text: ' Kéo giảm tội phạm\nso với cùng kỳ ', target: ' ' }], scope: { clusterIds: ['c9'] }
  })
  t.same(content, {
    name: 'Đợt thi đua cao điểm', slogan: null, issuer: 'Giám đốc Công an thành phố Hà Nội', decision: null, occasion: null,
    ...PERIOD, targets: [{ text: 'Kéo giảm tội phạm\nso với cùng kỳ', target: null }], scope: scope({ clusterIds: ['c9'] })
  })
})
