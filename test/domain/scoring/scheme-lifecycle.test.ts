import t from 'tap'
import {
  assertCurrentNotFinalized, assertDraft, assertNoNewerVersion, assertNotFinalized, assertPublished, assertRankable, assertTargetsComplete,
  nextVersionNumber, publishedVersion, schemeBody, targetsWindow, type SchemeStatus, type SchemeVersion
} from '../../../src/domain/scoring/scheme-lifecycle.js'
import { outcome } from '../../helpers/outcome.js'

const version = (number: number, status: SchemeStatus): SchemeVersion => ({ id: `s${number}`, year: 2024, version: number, status })

t.test('each status allows its own steps: edit a draft, score a published version, rank any but a draft', async (t) => {
  const table: Array<[SchemeStatus, string, string, string]> = [
    // status, assertDraft, assertPublished, assertRankable
    ['draft', 'ok', 'conflict:scheme_not_published', 'conflict:scheme_not_published'],
    ['published', 'conflict:scheme_published', 'ok', 'ok'],
    ['superseded', 'conflict:scheme_published', 'conflict:scheme_not_published', 'ok']
  ]
  for (const [status, draft, published, rankable] of table) {
    const scheme = version(1, status)
    t.same([outcome(() => assertDraft(scheme)), outcome(() => assertPublished(scheme)), outcome(() => assertRankable(scheme))],
      [draft, published, rankable], status)
  }
})

t.test('targetsWindow: open on a draft; on a published scheme only a unit\'s first targets, until the scores are final', async (t) => {
  const table: Array<[SchemeStatus, boolean, string]> = [
    ['draft', false, 'open'],
    ['draft', true, 'open'],
    ['published', false, 'until_finalized'], // a unit that joined after publication
    ['published', true, 'conflict:scheme_published'],
    ['superseded', false, 'conflict:scheme_published'],
    ['superseded', true, 'conflict:scheme_published']
  ]
  for (const [status, hasTargets, expected] of table) {
    let window = ''
    const result = outcome(() => { window = targetsWindow(version(1, status), hasTargets) })
    t.equal(result === 'ok' ? window : result, expected, `${status}, ${hasTargets ? 'with' : 'without'} targets`)
  }
})

t.test('finalised scores stay final', async (t) => {
  t.equal(outcome(() => assertNotFinalized('s1', false)), 'ok')
  t.equal(outcome(() => assertNotFinalized('s1', true)), 'conflict:scores_finalized')
  const current = version(2, 'published')
  const table: Array<[SchemeVersion | undefined, boolean, string]> = [
    [undefined, false, 'ok'], // the first publication of the year
    [current, false, 'ok'],
    [current, true, 'conflict:scores_finalized']
  ]
  for (const [published, finalized, expected] of table) {
    t.equal(outcome(() => assertCurrentNotFinalized(published, finalized)), expected, `${published?.status ?? 'none'} ${finalized ? 'finalized' : 'open'}`)
  }
  try {
    assertCurrentNotFinalized(current, true)
  } catch (error) {
    t.match(error, { details: { schemeId: 's2' }, message: /finalized on version 2/ }, 'names the version that stays the year\'s')
  }
})

t.test('versions: one published at a time, a newer published version wins, new versions number after the latest', async (t) => {
  const versions = [version(3, 'draft'), version(2, 'published'), version(1, 'superseded')]
  t.equal(publishedVersion(versions)?.id, 's2')
  t.equal(publishedVersion([version(1, 'draft')]), undefined)
  t.equal(nextVersionNumber(versions), 4, 'drafts count')
  t.equal(nextVersionNumber([]), 1)
  const table: Array<[number, string]> = [
    [1, 'conflict:scheme_has_newer_version'], // version 2 is already published
    [3, 'ok'], // only drafts are newer
    [2, 'ok']
  ]
  for (const [number, expected] of table) t.equal(outcome(() => assertNoNewerVersion({ version: number }, versions)), expected, `version ${number}`)
})

t.test('assertTargetsComplete: publication lists every missing target', async (t) => {
  t.equal(outcome(() => assertTargetsComplete(2024, [])), 'ok')
  const missing = [{ path: '/targets/u1/I.1', message: 'is missing' }, { path: '/targets/u2/I.1', message: 'is missing' }]
  t.throws(() => assertTargetsComplete(2024, missing), {
    code: 'invalid_targets',
    message: '2 targets are missing or invalid for the cluster\'s members in 2024: /targets/u1/I.1 is missing; /targets/u2/I.1 is missing.',
    details: { errors: missing }
  })
  t.throws(() => assertTargetsComplete(2024, missing.slice(1)), { message: /^1 target is missing/ })
})

t.test('schemeBody: a null cap or band is absent from the scheme the engine reads', async (t) => {
  const content = { criteria: [], bands: [], tieBreak: ['more_bonus' as const] }
  t.same(schemeBody({ ...content, bonusCap: null, deductionCap: null, ministryFlagBand: null }), content)
  t.same(schemeBody({ ...content, bonusCap: 10, deductionCap: 0, ministryFlagBand: 'excellent' }),
    { ...content, bonusCap: 10, deductionCap: 0, ministryFlagBand: 'excellent' }, 'a zero cap is a cap')
})
