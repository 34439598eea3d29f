import t from 'tap'
import fc from 'fast-check'
import { compileScheme } from '../../../src/domain/scoring/index.js'
import {
  advance, assertMayReturn, assertReadyToFinalize, assertValidEntries, clearsCycle, explanationProblems, MAX_HISTORY, MAX_RETURNS,
  notReadyToFinalize, returnReason, returnsOf, reviewedPoints, SCORECARD_STATUSES, SCORECARD_STEPS, transition,
  type CardState, type HistoryEntry, type ScorecardStatus, type ScorecardStep
} from '../../../src/domain/scoring/scorecard-lifecycle.js'
import { outcome } from '../../helpers/outcome.js'
import { scheme } from './fixtures.js'

const WRONG = 'conflict:scorecard_wrong_state'

t.test('every status × step: where each step may start and the status it moves the scorecard to', async (t) => {
  const steps: ScorecardStep[] = ['save', 'submit', 'review', 'explain', 'return', 'finalize']
  const table: Record<ScorecardStatus, string[]> = {
    //                save        submit       review             explain      return      finalize
    draft: ['draft', 'submitted', WRONG, WRONG, WRONG, WRONG],
    submitted: [WRONG, WRONG, 'reviewed', WRONG, 'returned', WRONG],
    reviewed: [WRONG, WRONG, WRONG, 'explained', 'returned', 'finalized'],
    explained: [WRONG, WRONG, 'second_reviewed', WRONG, 'returned', WRONG],
    second_reviewed: [WRONG, WRONG, WRONG, WRONG, WRONG, 'finalized'],
    returned: ['returned', 'submitted', WRONG, WRONG, WRONG, WRONG],
    finalized: [WRONG, WRONG, WRONG, WRONG, WRONG, WRONG]
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
    { save: 'unit', submit: 'unit', review: 'secretariat', explain: 'unit', return: 'secretariat', finalize: 'secretariat' })
})

t.test('the wrong-state refusal names the status and where the step may start', async (t) => {
  t.throws(() => advance('review', 'draft'), {
    code: 'scorecard_wrong_state',
    message: 'The scorecard is draft; a review needs it submitted or explained.',
    details: { scorecardStatus: 'draft' }
  })
  t.throws(() => advance('explain', 'explained'), { message: /an explanation \(allowed once, after the first review\) needs it reviewed\.$/ })
  t.throws(() => advance('return', 'second_reviewed'), { message: 'The scorecard is second_reviewed; returning it to the unit needs it submitted or reviewed or explained.' })
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

const AT = '2024-11-20T02:00:00.000Z'
const SECRETARIAT = { at: AT, by: 'secretariat-cum-9', role: 'secretariat' }
const UNIT = { at: AT, by: 'unit-yte', role: 'unit' }
const REASON = 'Tiêu chí I.2 thiếu tài liệu kiểm chứng; đề nghị đơn vị bổ sung và gửi lại.'

t.test('a returned card is not ready to finalise: the readiness check names it', async (t) => {
  const members = [
    { unitId: 'u1', unitName: 'Cục Y tế', status: 'reviewed' as const },
    { unitId: 'u2', unitName: 'Cục Hậu cần', status: 'returned' as const }
  ]
  t.same(notReadyToFinalize(members).map((m) => m.unitId), ['u2'])
  t.throws(() => assertReadyToFinalize(members), {
    code: 'scorecards_not_ready',
    message: '1 member unit is not reviewed yet: Cục Hậu cần (returned).',
    details: { errors: [{ path: '/scorecards/u2', message: 'is returned to the unit for revision, not reviewed' }] }
  })
})

t.test('each step\'s history entry: every status change with who, role and when; a return with its reason; a save none', async (t) => {
  const submitted: CardState = { status: 'submitted', history: [{ from: 'draft', to: 'submitted', ...UNIT }] }
  t.same(transition({ status: 'draft', history: [] }, 'save', UNIT), { status: 'draft', entry: null }, 'a save changes no status')
  t.same(transition({ status: 'returned', history: [] }, 'save', UNIT), { status: 'returned', entry: null }, 'a returned card is edited and stays returned')
  t.same(transition({ status: 'draft', history: [] }, 'submit', UNIT), { status: 'submitted', entry: { from: 'draft', to: 'submitted', ...UNIT } })
  t.same(transition({ status: 'returned', history: [] }, 'submit', UNIT), { status: 'submitted', entry: { from: 'returned', to: 'submitted', ...UNIT } })
  t.same(transition(submitted, 'return', SECRETARIAT, `  ${REASON}\n`),
    { status: 'returned', entry: { from: 'submitted', to: 'returned', ...SECRETARIAT, reason: REASON } }, 'the reason stored trimmed')
  t.same(transition(submitted, 'review', SECRETARIAT, 'ignored').entry, { from: 'submitted', to: 'reviewed', ...SECRETARIAT }, 'only a return has a reason')
  t.same(SCORECARD_STATUSES.filter(clearsCycle), ['returned'], 'only a return clears the cycle\'s reviews and explanation')
})

t.test('a return\'s reason: visible text of 1 to 2000 characters once trimmed', async (t) => {
  const table: Array<[string | undefined, string]> = [
    [REASON, REASON],
    ['  Thiếu minh chứng  ', 'Thiếu minh chứng'],
    ['Thie\u0302\u0301u', 'Thiếu'], // NFD stored as NFC
    ['.', '.'],
    ['x'.repeat(2000), 'x'.repeat(2000)],
    ['😀'.repeat(2000), '😀'.repeat(2000)], // characters, not UTF-16 units
    [undefined, 'rule:invalid_return_reason'],
    ['', 'rule:invalid_return_reason'],
    [' \n\t ', 'rule:invalid_return_reason'],
    ['\u200b\u200b', 'rule:invalid_return_reason'], // invisible
    ['x'.repeat(2001), 'rule:invalid_return_reason']
  ]
  for (const [raw, expected] of table) {
    let got = ''
    const result = outcome(() => { got = returnReason(raw) })
    t.equal(result === 'ok' ? got : result, expected, JSON.stringify(raw?.slice(0, 20)))
  }
  t.throws(() => returnReason('   '), {
    code: 'invalid_return_reason',
    message: 'A return needs a reason: visible text of 1 to 2000 characters once trimmed.',
    details: { errors: [{ path: '/body/reason', message: 'has no visible text' }] }
  })
})

/** A history of `returns` full cycles, each returned from `explained`. */
const cycles = (returns: number): HistoryEntry[] => Array.from({ length: returns }, () => [
  { from: 'draft' as const, to: 'submitted' as const, ...UNIT },
  { from: 'submitted' as const, to: 'reviewed' as const, ...SECRETARIAT },
  { from: 'reviewed' as const, to: 'explained' as const, ...UNIT },
  { from: 'explained' as const, to: 'returned' as const, ...SECRETARIAT, reason: REASON }
]).flat()

t.test('a card is returned at most MAX_RETURNS times: 409 scorecard_return_limit after that, before the reason is looked at', async (t) => {
  t.equal(MAX_RETURNS, 20)
  t.equal(returnsOf(cycles(3)), 3)
  t.equal(outcome(() => assertMayReturn(cycles(MAX_RETURNS - 1))), 'ok')
  const full: CardState = { status: 'submitted', history: [...cycles(MAX_RETURNS), { from: 'returned', to: 'submitted', ...UNIT }] }
  t.throws(() => transition(full, 'return', SECRETARIAT, ''), {
    code: 'scorecard_return_limit',
    message: 'The scorecard has been returned 20 times, the most allowed (20); review it as it stands.',
    details: { returns: 20, maxReturns: 20 }
  })
  t.equal(transition(full, 'review', SECRETARIAT).status, 'reviewed', 'it is still reviewed and finalised as usual')
  t.ok(cycles(MAX_RETURNS).length + 5 <= MAX_HISTORY, 'the longest history fits the bound')
})

// A step is either any step (often refused) or, `guided`, one of the steps the card's status allows (picked by
// `pick`), so that runs go through whole cycles, returns and finalisations rather than mostly refusals.
type Op = { kind: 'step', unit: number, step: Exclude<ScorecardStep, 'finalize'>, reason: string, guided?: boolean, pick?: number } | { kind: 'finalize' }
const STEPS = ['save', 'submit', 'review', 'explain', 'return'] as const
const op = (units: number): fc.Arbitrary<Op> => fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('step' as const), unit: fc.integer({ min: 0, max: units - 1 }), step: fc.constantFrom(...STEPS),
      reason: fc.constantFrom(REASON, REASON, ' ', ''), guided: fc.boolean(), pick: fc.nat()
    })
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'finalize' as const }) }
)
const allowed = (status: ScorecardStatus) => STEPS.filter((step) => status in SCORECARD_STEPS[step].moves)

/** Runs the ops on `units` member cards (null: none yet; a save creates it) as the services take them. */
function run (units: number, ops: readonly Op[]) {
  const cards: Array<CardState | null> = Array.from({ length: units }, () => null)
  const changes = cards.map(() => 0)
  const finalizedFrom: Array<ScorecardStatus | null> = []
  const apply = (i: number, step: ScorecardStep, reason?: string) => {
    const card = cards[i]!
    const { status, entry } = transition(card, step, step === 'return' || step === 'review' || step === 'finalize' ? SECRETARIAT : UNIT, reason)
    if (entry) changes[i]++
    cards[i] = { status, history: entry ? [...card.history, entry] : card.history }
  }
  for (const o of ops) {
    if (o.kind === 'finalize') {
      const members = cards.map((c, i) => ({ unitId: `u${i}`, unitName: `Đơn vị ${i}`, status: c?.status ?? null }))
      if (outcome(() => assertReadyToFinalize(members)) !== 'ok') continue
      for (const [i, c] of cards.entries()) { finalizedFrom.push(c!.status); apply(i, 'finalize') }
      continue
    }
    if (cards[o.unit] === null) {
      if (o.step === 'save') cards[o.unit] = { status: 'draft', history: [] }
      continue
    }
    const choices = allowed(cards[o.unit]!.status)
    const step = o.guided === true && choices.length > 0 ? choices[o.pick! % choices.length] : o.step
    outcome(() => apply(o.unit, step, o.reason)) // a refused step changes nothing
  }
  return { cards, changes, finalizedFrom }
}

t.test('property: no sequence of steps finalises a returned card; the history is every status change, in order', async (t) => {
  let finalized = 0
  let returnedThenFinalized = 0
  fc.assert(fc.property(fc.array(op(3), { minLength: 10, maxLength: 150, size: 'max' }), (ops) => {
    const { cards, changes, finalizedFrom } = run(3, ops)
    if (finalizedFrom.length > 0) finalized++
    if (finalizedFrom.length > 0 && cards.some((c) => c !== null && returnsOf(c.history) > 0)) returnedThenFinalized++
    for (const from of finalizedFrom) if (from !== 'reviewed' && from !== 'second_reviewed') return false
    for (const [i, card] of cards.entries()) {
      if (card === null) continue
      if (card.history.length !== changes[i]) return false
      // A chain: each change starts where the last ended, from the draft to the card's status.
      let at: ScorecardStatus = 'draft'
      for (const h of card.history) {
        if (h.from !== at || h.from === h.to) return false
        if ((h.to === 'returned') !== (h.reason !== undefined)) return false
        if (h.from === 'returned' && h.to === 'finalized') return false
        at = h.to
      }
      if (at !== card.status) return false
    }
    return true
  }), { numRuns: 300 })
  t.ok(finalized > 0 && returnedThenFinalized > 0, `the runs reach finalisation (${finalized}), some after a return (${returnedThenFinalized})`)
})

t.test('property: however often a card is returned, its returns and history stay within their bounds', async (t) => {
  // No finalisation, and an explanation now and then: the card goes round its cycles and is returned again and again.
  const busy = fc.array(fc.constantFrom<Op>(
    { kind: 'step', unit: 0, step: 'submit', reason: '' },
    { kind: 'step', unit: 0, step: 'review', reason: '' },
    { kind: 'step', unit: 0, step: 'return', reason: REASON },
    { kind: 'step', unit: 0, step: 'return', reason: REASON },
    { kind: 'step', unit: 0, step: 'save', reason: '' }
  ), { minLength: 100, maxLength: 400, size: 'max' }).chain((ops) => fc.shuffledSubarray([...ops, { kind: 'step' as const, unit: 0, step: 'explain' as const, reason: '' }], { minLength: ops.length }))
  let atLimit = 0
  fc.assert(fc.property(busy, (ops) => {
    const { cards: [card], changes } = run(1, [{ kind: 'step', unit: 0, step: 'save', reason: '' }, ...ops])
    if (returnsOf(card!.history) === MAX_RETURNS) atLimit++
    return returnsOf(card!.history) <= MAX_RETURNS && card!.history.length <= MAX_HISTORY && card!.history.length === changes[0]
  }), { numRuns: 200 })
  t.ok(atLimit > 0, `some runs reach the limit (${atLimit})`)
})
