// The award dossier's lifecycle (every step from every status, as a table), the acceptance per proposal, the
// decision that closes it, the attachments' rules and the content hash; then properties over any sequence of steps.
import t from 'tap'
import fc from 'fast-check'
import {
  acceptProposals, advance, assertAttachment, assertAwardable, assertEditable, attachmentToRemove, assertNoGaps, assertReportsAttached, decideProposals, DOSSIER_STATUSES, DOSSIER_STEPS,
  dossierHash, dossierView, judgedGap, MAX_ATTACHMENTS, MAX_HISTORY, MAX_RETURNS, missingAchievementReports, returnReason, transition,
  type DossierHistoryEntry, type DossierStatus, type DossierStep, type ProposalState, type StandardGap
} from '../../src/domain/dossier.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const taker = { at: '2025-01-10T02:00:00.000Z', by: 'phong-thi-dua', role: 'ministry' }

t.test('advance: each step from each status, as a table', async (t) => {
  // [step, from, to or the refusal's code]
  const table: Array<[DossierStep, DossierStatus, DossierStatus | 'dossier_wrong_state']> = [
    ['submit', 'draft', 'submitted'],
    ['submit', 'returned', 'submitted'],
    ['submit', 'submitted', 'dossier_wrong_state'],
    ['submit', 'accepted', 'dossier_wrong_state'],
    ['submit', 'decided', 'dossier_wrong_state'],
    ['return', 'submitted', 'returned'],
    ['return', 'draft', 'dossier_wrong_state'],
    ['return', 'returned', 'dossier_wrong_state'],
    ['return', 'accepted', 'dossier_wrong_state'],
    ['return', 'decided', 'dossier_wrong_state'],
    ['accept', 'submitted', 'accepted'],
    ['accept', 'draft', 'dossier_wrong_state'],
    ['accept', 'returned', 'dossier_wrong_state'],
    ['accept', 'accepted', 'dossier_wrong_state'],
    ['accept', 'decided', 'dossier_wrong_state'],
    ['decide', 'accepted', 'decided'],
    ['decide', 'draft', 'dossier_wrong_state'],
    ['decide', 'submitted', 'dossier_wrong_state'],
    ['decide', 'returned', 'dossier_wrong_state'],
    ['decide', 'decided', 'dossier_wrong_state']
  ]
  t.equal(table.length, Object.keys(DOSSIER_STEPS).length * DOSSIER_STATUSES.length, 'every step from every status')
  for (const [step, from, expected] of table) {
    if (expected === 'dossier_wrong_state') {
      t.throws(() => advance(step, from), { code: expected, details: { dossierStatus: from, step } }, `${step} from ${from} is refused`)
    } else {
      t.equal(advance(step, from), expected, `${step}: ${from} → ${expected}`)
    }
  }
})

t.test('assertEditable: attachments while draft or returned only', async (t) => {
  for (const status of DOSSIER_STATUSES) {
    if (status === 'draft' || status === 'returned') t.doesNotThrow(() => assertEditable(status), status)
    else t.throws(() => assertEditable(status), refusal('dossier_not_editable'), status)
  }
})

t.test('transition: history entries with the reason of a return and the hash of a submission; the return limit', async (t) => {
  const submitted = transition({ status: 'draft', history: [] }, 'submit', taker, { contentHash: 'a'.repeat(64) })
  t.same(submitted, { status: 'submitted', entry: { from: 'draft', to: 'submitted', ...taker, contentHash: 'a'.repeat(64) } })
  const returned = transition({ status: 'submitted', history: [submitted.entry] }, 'return', taker, { reason: '  Thiếu báo cáo thành tích.  ' })
  t.same(returned.entry, { from: 'submitted', to: 'returned', ...taker, reason: 'Thiếu báo cáo thành tích.' }, 'the reason is kept trimmed')
  t.throws(() => transition({ status: 'submitted', history: [] }, 'return', taker, { reason: ' \n ' }), refusal('invalid_return_reason'))
  t.throws(() => transition({ status: 'submitted', history: [] }, 'return', taker, { reason: 'x'.repeat(2001) }), refusal('invalid_return_reason'))
  t.equal(returnReason('x'.repeat(2000)).length, 2000, '2,000 characters is a reason')
  const history: DossierHistoryEntry[] = Array.from({ length: MAX_RETURNS }, () => [
    { from: 'draft', to: 'submitted', ...taker }, { from: 'submitted', to: 'returned', ...taker }
  ] as DossierHistoryEntry[]).flat()
  t.throws(() => transition({ status: 'submitted', history }, 'return', taker, { reason: 'Lần nữa' }),
    { code: 'dossier_return_limit', details: { returns: MAX_RETURNS } }, 'the 21st return is refused before its reason is read')
  t.throws(() => transition({ status: 'accepted', history: [] }, 'return', taker, { reason: '' }), refusal('dossier_wrong_state'), 'the state first')
})

const proposals: ProposalState[] = [{ proposalId: 'p1', status: 'proposed' }, { proposalId: 'p2', status: 'proposed' }, { proposalId: 'p3', status: 'proposed' }]

t.test('acceptProposals: the listed ones accepted, the others not; an id not in the dossier is refused', async (t) => {
  t.same(acceptProposals(proposals, ['p2', 'P1']), [
    { proposalId: 'p1', status: 'accepted' }, { proposalId: 'p2', status: 'accepted' }, { proposalId: 'p3', status: 'not_accepted' }
  ], 'ids compared lower-case')
  t.same(acceptProposals(proposals, ['p3', 'p3']).map((p) => p.status), ['not_accepted', 'not_accepted', 'accepted'], 'a repeated id counts once')
  t.throws(() => acceptProposals(proposals, ['p1', 'x9', 'y8']), { code: 'dossier_proposal_unknown', details: { proposalIds: ['x9', 'y8'] } })
})

t.test('decideProposals: accepted proposals awarded become decided; the dossier once none waits', async (t) => {
  const accepted = acceptProposals(proposals, ['p1', 'p2'])
  const first = decideProposals('accepted', accepted, new Set(['p1', 'p3', 'other']))
  t.same(first.changed, ['p1'], 'a not-accepted proposal or one of another dossier is left as it is')
  t.equal(first.dossierDecided, false, 'p2 still waits')
  const second = decideProposals('accepted', first.proposals, new Set(['p2']))
  t.same(second.proposals.map((p) => p.status), ['decided', 'decided', 'not_accepted'])
  t.equal(second.dossierDecided, true)
  t.equal(decideProposals('submitted', proposals, new Set(['p1'])).changed.length, 0, 'nothing is decided before the acceptance')
  t.same(decideProposals('decided', second.proposals, new Set(['p1'])), { proposals: second.proposals, changed: [], dossierDecided: false }, 'idempotent')
})

t.test('missingAchievementReports and assertReportsAttached: one per proposed unit', async (t) => {
  const attachments = [
    { kind: 'achievement_report' as const, unitId: 'u1' },
    { kind: 'other' as const, unitId: 'u2' },
    { kind: 'other' as const, unitId: null }
  ]
  t.same(missingAchievementReports(['u1', 'u2', 'u3'], attachments), ['u2', 'u3'], 'an `other` file is no achievement report')
  t.throws(() => assertReportsAttached([{ unitId: 'u2', unitName: 'Cục Hậu cần' }]),
    { code: 'achievement_report_missing', message: /Cục Hậu cần \(u2\) has no achievement report/, details: { units: [{ unitId: 'u2', unitName: 'Cục Hậu cần' }] } })
  t.doesNotThrow(() => assertReportsAttached([]))
})

t.test('assertAttachment: what a unit, a secretariat and the bound allow', async (t) => {
  const context: { proposedUnitIds: string[], count: number, actorUnitId: string | null } = { proposedUnitIds: ['u1', 'u2'], count: 0, actorUnitId: null }
  const cases: Array<[string, { kind: 'achievement_report' | 'other', unitId: string | null }, Partial<typeof context>, string | null]> = [
    ['a report of a proposed unit', { kind: 'achievement_report', unitId: 'u1' }, {}, null],
    ['another file, no unit', { kind: 'other', unitId: null }, {}, null],
    ['another file about a proposed unit', { kind: 'other', unitId: 'u2' }, {}, null],
    ['a report naming no unit', { kind: 'achievement_report', unitId: null }, {}, 'attachment_unit_required'],
    ['a report of a unit not proposed', { kind: 'achievement_report', unitId: 'u9' }, {}, 'attachment_unit_not_proposed'],
    ['another file about a unit not proposed', { kind: 'other', unitId: 'u9' }, {}, 'attachment_unit_not_proposed'],
    ['the 101st attachment', { kind: 'other', unitId: null }, { count: MAX_ATTACHMENTS }, 'dossier_attachments_limit'],
    ['a unit: its own report', { kind: 'achievement_report', unitId: 'u1' }, { actorUnitId: 'u1' }, null],
    ['a unit: another unit\'s report', { kind: 'achievement_report', unitId: 'u2' }, { actorUnitId: 'u1' }, 'forbidden'],
    ['a unit: another kind of file', { kind: 'other', unitId: 'u1' }, { actorUnitId: 'u1' }, 'forbidden'],
    ['a unit not proposed: its own report', { kind: 'achievement_report', unitId: 'u9' }, { actorUnitId: 'u9' }, 'attachment_unit_not_proposed']
  ]
  for (const [name, attachment, over, code] of cases) {
    const run = () => assertAttachment(attachment, { ...context, ...over })
    if (code === null) t.doesNotThrow(run, name)
    else t.throws(run, refusal(code), name)
  }
})

t.test('attachmentToRemove: one of the dossier\'s, by whoever may add it, while it is editable; as a table', async (t) => {
  const attachments = [
    { id: 'a1', kind: 'achievement_report' as const, unitId: 'u1' },
    { id: 'a2', kind: 'other' as const, unitId: null },
    { id: 'a3', kind: 'achievement_report' as const, unitId: 'u2' }
  ]
  // [name, status, attachment id, the caller's unit (null: admin or secretariat), the attachment found or the refusal]
  const cases: Array<[string, DossierStatus, string, string | null, string]> = [
    ['a draft\'s report, by the secretariat', 'draft', 'a1', null, 'a1'],
    ['a returned dossier\'s other file, by the secretariat', 'returned', 'a2', null, 'a2'],
    ['a unit\'s own report', 'draft', 'a1', 'u1', 'a1'],
    ['a unit: another unit\'s report', 'draft', 'a3', 'u1', 'forbidden'],
    ['a unit: a file of another kind', 'draft', 'a2', 'u1', 'forbidden'],
    ['an id that is no attachment of the dossier', 'draft', 'a9', null, 'dossier_attachment_not_found'],
    ['an unknown id, by a unit', 'draft', 'a9', 'u1', 'dossier_attachment_not_found'],
    ['a submitted dossier', 'submitted', 'a1', null, 'dossier_not_editable'],
    ['an accepted dossier', 'accepted', 'a2', null, 'dossier_not_editable'],
    ['a decided dossier, by its unit', 'decided', 'a1', 'u1', 'dossier_not_editable']
  ]
  for (const [name, status, id, actorUnitId, expected] of cases) {
    const run = () => attachmentToRemove({ id: 'd1', status, attachments }, id, actorUnitId)
    if (expected.startsWith('a')) t.equal(run().id, expected, name)
    else t.throws(run, refusal(expected), name)
  }
  t.throws(() => attachmentToRemove({ id: 'd1', status: 'draft', attachments }, 'a9', null),
    { code: 'dossier_attachment_not_found', message: 'Dossier d1 has no attachment a9.', details: { dossierId: 'd1', attachmentId: 'a9' } })
})

t.test('property: what may be attached may be removed, and only then', async (t) => {
  const kind = fc.constantFrom<'achievement_report' | 'other'>('achievement_report', 'other')
  fc.assert(fc.property(fc.constantFrom(...DOSSIER_STATUSES), kind, fc.constantFrom('u1', 'u2'), fc.constantFrom<string | null>(null, 'u1', 'u2'), (status, k, unitId, actorUnitId) => {
    const attachment = { id: 'a1', kind: k, unitId }
    const attachable = (() => {
      try {
        assertAttachment(attachment, { proposedUnitIds: ['u1', 'u2'], count: 0, actorUnitId })
        assertEditable(status)
        return true
      } catch { return false }
    })()
    const removable = (() => {
      try { return attachmentToRemove({ id: 'd1', status, attachments: [attachment] }, 'a1', actorUnitId) === attachment } catch { return false }
    })()
    return attachable === removable
  }))
})

t.test('assertNoGaps names each unit by name and id, and why', async (t) => {
  t.doesNotThrow(() => assertNoGaps([], 'ministry_flag', 2024, 'submitted'))
  t.throws(() => assertNoGaps([
    { unitId: 'u1', unitName: 'Cục Y tế', gap: 'under_discipline' },
    { unitId: 'u2', unitName: 'Cục Hậu cần', gap: 'below_ministry_flag_band' }
  ], 'ministry_flag', 2024, 'accepted'), {
    code: 'dossier_unit_not_eligible',
    message: /^Cục Y tế \(u1\) is under discipline .* 2024.*; Cục Hậu cần \(u2\) is below the Ministry-flag band .*cannot be accepted with them\.$/,
    details: { units: [{ unitId: 'u1', reason: 'under_discipline' }, { unitId: 'u2', reason: 'below_ministry_flag_band' }] }
  })
})

t.test('dossierHash: the content as submitted, in order; the same content hashes the same', async (t) => {
  const content = {
    clusterId: 'c',
    year: 2024,
    titleCode: 'government_flag',
    proposals: [{ proposalId: 'p1', unitId: 'u1', round: 1, votes: 7, ballotsCast: 8, electorate: 8, unitName: 'not hashed' }],
    attachments: [{ fileId: 'f1', sha256: 'a'.repeat(64), kind: 'achievement_report' as const, unitId: 'u1', fileName: 'not hashed' }]
  }
  const hash = dossierHash(content)
  t.match(hash, /^[0-9a-f]{64}$/)
  const renamed = { ...content, proposals: [{ ...content.proposals[0], unitName: 'another name' }] }
  t.equal(dossierHash(renamed), hash, 'names are not content')
  t.not(dossierHash({ ...content, attachments: [{ ...content.attachments[0], sha256: 'b'.repeat(64) }] }), hash, 'other bytes, another hash')
  t.not(dossierHash({ ...content, attachments: [] }), hash)
})

t.test('dossierView: who reads what', async (t) => {
  t.equal(dossierView({ role: 'admin' }, 'c'), 'all')
  t.equal(dossierView({ role: 'reader' }, 'c'), 'all')
  t.equal(dossierView({ role: 'ministry' }, 'c'), 'all')
  t.equal(dossierView({ role: 'secretariat', clusterId: 'c' }, 'c'), 'all')
  t.equal(dossierView({ role: 'secretariat', clusterId: 'd' }, 'c'), 'none')
  t.equal(dossierView({ role: 'unit' }, 'c'), 'proposed')
})

t.test('property: any sequence of steps keeps the lifecycle\'s invariants', async (t) => {
  const stepArb = fc.constantFrom<DossierStep>('submit', 'return', 'accept', 'decide')
  fc.assert(fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
    let dossier: { status: DossierStatus, history: DossierHistoryEntry[] } = { status: 'draft', history: [] }
    for (const step of steps) {
      let moved: ReturnType<typeof transition> | undefined
      try {
        moved = transition(dossier, step, taker, { reason: 'Bổ sung hồ sơ', contentHash: 'c'.repeat(64) })
      } catch (error) {
        const code = (error as { code: string }).code
        // A refusal changes nothing and is one of the two a step can give.
        if (code !== 'dossier_wrong_state' && code !== 'dossier_return_limit') return false
        continue
      }
      // Every entry starts where the dossier was; nothing leaves `decided`; a submission carries its hash, a return its reason.
      if (moved.entry.from !== dossier.status || dossier.status === 'decided') return false
      if (moved.status === 'submitted' && moved.entry.contentHash === undefined) return false
      if (moved.status === 'returned' && moved.entry.reason === undefined) return false
      if (moved.status === 'accepted' && dossier.status !== 'submitted') return false
      dossier = { status: moved.status, history: [...dossier.history, moved.entry] }
    }
    // The history is the chain of statuses, bounded, and never returns past the limit.
    const chained = dossier.history.every((h, i) => i === 0 ? h.from === 'draft' : h.from === dossier.history[i - 1].to)
    return chained && dossier.history.length <= MAX_HISTORY && dossier.history.filter((h) => h.to === 'returned').length <= MAX_RETURNS
  }), { numRuns: 500 })
})

t.test('property: the acceptance partitions the proposals; deciding them all decides the dossier', async (t) => {
  const ids = ['p1', 'p2', 'p3', 'p4', 'p5']
  fc.assert(fc.property(
    fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }), fc.subarray(ids), fc.subarray(ids),
    (inDossier, accepted, firstDecision) => {
      const all: ProposalState[] = inDossier.map((proposalId) => ({ proposalId, status: 'proposed' }))
      const asked = accepted.filter((id) => inDossier.includes(id))
      if (asked.length === 0) return true
      const after = acceptProposals(all, asked)
      if (after.filter((p) => p.status === 'accepted').length !== asked.length) return false
      if (after.length !== all.length || after.some((p) => p.status === 'proposed')) return false
      const first = decideProposals('accepted', after, new Set(firstDecision))
      const second = decideProposals(first.dossierDecided ? 'decided' : 'accepted', first.proposals, new Set(asked))
      // Once every accepted proposal is awarded the dossier is decided, exactly once; not-accepted ones never move.
      const decidedOnce = first.dossierDecided !== second.dossierDecided
      return decidedOnce && second.proposals.every((p) => (asked.includes(p.proposalId) ? p.status === 'decided' : p.status === 'not_accepted'))
    }
  ), { numRuns: 300 })
})

t.test('judgedGap: an override recorded on the vote waives the ranking standard, never discipline', async (t) => {
  const table: Array<[StandardGap | null, boolean, boolean, StandardGap | null]> = [
    [null, false, false, null],
    ['not_leading_unit', false, false, 'not_leading_unit'],
    ['not_leading_unit', true, false, null],
    ['below_ministry_flag_band', true, false, null],
    ['not_ranked', true, false, null],
    ['ranking_not_final', true, false, null],
    ['ranking_not_final', true, true, 'under_discipline'],
    ['under_discipline', true, true, 'under_discipline'],
    ['under_discipline', false, true, 'under_discipline'],
    [null, true, true, 'under_discipline']
  ]
  for (const [gap, overridden, disciplined, judged] of table) {
    t.equal(judgedGap(gap, overridden, disciplined), judged, `${gap} ${overridden ? 'overridden' : 'as judged'}${disciplined ? ', under discipline' : ''}`)
  }
})

t.test('assertAwardable: a decision awards a dossier\'s proposal once accepted (or again, once decided)', async (t) => {
  const dossier = { id: 'd', status: 'accepted' as DossierStatus }
  const unit = (proposalId: string, status: ProposalState['status']) => ({ proposalId, status, unitId: `u-${proposalId}`, unitName: `Đơn vị ${proposalId}` })
  const table: Array<[ProposalState['status'], string]> = [['accepted', 'ok'], ['decided', 'ok'], ['proposed', 'award_proposal_not_accepted'], ['not_accepted', 'award_proposal_not_accepted']]
  for (const [status, expected] of table) {
    const run = () => assertAwardable(dossier, [unit('a', status), unit('b', 'proposed')], new Set(['a']))
    if (expected === 'ok') t.doesNotThrow(run, status)
    else t.throws(run, { code: expected, details: { units: [{ unitId: 'u-a', status }] } }, status)
  }
  t.doesNotThrow(() => assertAwardable(dossier, [unit('b', 'proposed')], new Set(['a'])), 'a proposal not in the dossier is not its concern')
})
