import t from 'tap'
import { compileScheme } from '../../../src/domain/scoring/index.js'
import {
  advance, assertReadyToFinalize, assertValidEntries, explanationProblems, notReadyToFinalize, reviewedPoints,
  SCORECARD_STATUSES, SCORECARD_STEPS, type ScorecardStatus, type ScorecardStep
} from '../../../src/domain/scoring/scorecard-lifecycle.js'
import { outcome } from '../../helpers/outcome.js'
import { scheme } from './fixtures.js'

const WRONG = 'conflict:scorecard_wrong_state'

t.test('every status × step: where each step may start and the status it moves the scorecard to', async (t) => {
  const steps: ScorecardStep[] = ['save', 'submit', 'review', 'explain', 'finalize']
  const table: Record<ScorecardStatus, string[]> = {
    //                save      submit       review              explain     finalize
    draft: ['draft', 'submitted', WRONG, WRONG, WRONG],
    submitted: [WRONG, WRONG, 'reviewed', WRONG, WRONG],
    reviewed: [WRONG, WRONG, WRONG, 'explained', 'finalized'],
    explained: [WRONG, WRONG, 'second_reviewed', WRONG, WRONG],
    second_reviewed: [WRONG, WRONG, WRONG, WRONG, 'finalized'],
    finalized: [WRONG, WRONG, WRONG, WRONG, WRONG]
  }
  t.same(Object.keys(table), [...SCORECARD_STATUSES], 'the table covers every status')
  for (const status of SCORECARD_STATUSES) {
    const got = steps.map((step) => {
      let to = ''
      const result = outcome(() => { to = advance(step, status) })
      return result === 'ok' ? to : result
    })
    t.same(got, table[status], status)
  }
})

t.test('who takes each step: the unit for itself, the cluster\'s secretariat the rest', async (t) => {
  t.same(Object.fromEntries(Object.entries(SCORECARD_STEPS).map(([step, { by }]) => [step, by])),
    { save: 'unit', submit: 'unit', review: 'secretariat', explain: 'unit', finalize: 'secretariat' })
})

t.test('the wrong-state refusal names the status and where the step may start', async (t) => {
  t.throws(() => advance('review', 'draft'), {
    code: 'scorecard_wrong_state',
    message: 'The scorecard is draft; a review needs it submitted or explained.',
    details: { scorecardStatus: 'draft' }
  })
  t.throws(() => advance('explain', 'explained'), { message: /an explanation \(allowed once, after the first review\) needs it reviewed\.$/ })
})

t.test('finalising needs every member reviewed, first or second time; a member without a scorecard is not', async (t) => {
  const members = [
    { unitId: 'u1', unitName: 'Cục Y tế', status: 'reviewed' as const },
    { unitId: 'u2', unitName: 'Cục Hậu cần', status: 'second_reviewed' as const },
    { unitId: 'u3', unitName: 'Bệnh viện 199', status: 'explained' as const },
    { unitId: 'u4', unitName: 'Bệnh viện 30/4', status: null }
  ]
  t.same(notReadyToFinalize(members).map((m) => m.unitId), ['u3', 'u4'])
  t.equal(outcome(() => assertReadyToFinalize(members.slice(0, 2))), 'ok')
  t.equal(outcome(() => assertReadyToFinalize([])), 'ok', 'a cluster without members of the year')
  t.throws(() => assertReadyToFinalize(members), {
    code: 'scorecards_not_ready',
    message: '2 member units are not reviewed yet: Bệnh viện 199 (explained), Bệnh viện 30/4 (no scorecard).',
    details: {
      units: members.slice(2),
      errors: [{ path: '/scorecards/u3', message: 'is explained, not reviewed' }, { path: '/scorecards/u4', message: 'has no scorecard' }]
    }
  })
})

t.test('an explanation names each leaf of the scheme at most once', async (t) => {
  const compiled = compileScheme(scheme)
  t.same(explanationProblems(compiled, [{ code: 'I.1' }, { code: 'II' }]), [], 'leaves, top-level ones included')
  t.same(explanationProblems(compiled, [{ code: 'X' }, { code: 'I.3' }, { code: 'I.1' }, { code: 'I.1' }]), [
    { path: '/entries/0/code', message: 'names no criterion of this scheme' },
    { path: '/entries/1/code', message: 'is a group; explain its criteria instead' },
    { path: '/entries/3/code', message: 'repeats the explanation of "I.1"' }
  ])
})

t.test('invalid entries are refused at once, every problem listed with its body path', async (t) => {
  t.equal(outcome(() => assertValidEntries([])), 'ok')
  t.throws(() => assertValidEntries([{ path: '/entries/0/code', message: 'names no criterion' }, { path: '/entries/2/points', message: 'is too high' }]), {
    code: 'invalid_entries',
    message: 'The entries have 2 problems: /body/entries/0/code names no criterion; /body/entries/2/points is too high.',
    details: { errors: [{ path: '/body/entries/0/code', message: 'names no criterion' }, { path: '/body/entries/2/points', message: 'is too high' }] }
  })
})

t.test('reviewed points: the second review\'s replace the first review\'s for the leaves it lists', async (t) => {
  t.equal(reviewedPoints(undefined), undefined, 'no scorecard')
  t.equal(reviewedPoints({ review: null, secondReview: null }), undefined, 'not reviewed')
  t.same(reviewedPoints({ review: [{ code: 'I.1', points: 10 }, { code: 'II', points: 30 }], secondReview: [{ code: 'II', points: 35 }] }),
    [{ code: 'I.1', points: 10 }, { code: 'II', points: 35 }])
})
