// The award dossier (hồ sơ đề nghị khen thưởng) a cluster sends up to the Ministry for one title and year, and the
// Ministry's review of it (issue 16, parts 2 and 3).
//
// Lifecycle: draft (the secretariat assembles it: its proposals are the cluster's decided title proposals of the year
// and title, fixed when it is made; member units attach their achievement reports) → submitted (to the Ministry; its
// content hash is frozen) → returned (by the Ministry or an admin, with a reason: attachments may be added again,
// then it is submitted again) → accepted (the Ministry accepts some of its proposals, at least one: those accepted,
// the others not_accepted) → decided (once an award decision awards every accepted proposal).
//
// Each proposal of a dossier has its own status: proposed (until the Ministry decides on the dossier) → accepted or
// not_accepted (at the acceptance) → decided (an accepted proposal an award decision awarded). A return concerns the
// whole dossier (its proposals stay proposed): the Ministry returns a dossier, and accepts per proposal.
//
// History: every status change is kept in order, oldest first, with from, to, at, by (the token subject), role, the
// reason of a return and the content hash a submission froze; a dossier is returned at most MAX_RETURNS times
// (409 `dossier_return_limit` after that), so its history stays bounded (MAX_HISTORY).
import { canonicalJson } from './canonical-json.js'
import { conflict, DomainError, forbidden, ruleBroken } from './errors.js'
import { sha256Hex } from './pledge.js'
import { INELIGIBILITY_WORDS, type IneligibilityReason } from './election.js'

export const DOSSIER_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'decided'] as const
export type DossierStatus = typeof DOSSIER_STATUSES[number]

export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'not_accepted', 'decided'] as const
export type DossierProposalStatus = typeof PROPOSAL_STATUSES[number]

export const ATTACHMENT_KINDS = ['achievement_report', 'other'] as const
export type AttachmentKind = typeof ATTACHMENT_KINDS[number]

/**
 * Bounds. A cluster has at most about 20 member units and proposes some of them for a title: 50 proposals leave room
 * for the largest city clusters. Attachments: an achievement report for each proposed unit, and the minutes, the vote's
 * result and evidence besides; 100 is two documents for each of 50 units. A reason is a paragraph (as a scorecard's
 * return). A dossier returned more than 20 times is a dispute, not a revision.
 */
export const MAX_PROPOSALS = 50
export const MAX_ATTACHMENTS = 100
export const REASON_MAX_LENGTH = 2000
export const MAX_RETURNS = 20
/** Each returned cycle adds two changes (submit, return); the last adds submit, accept and decide. */
export const MAX_HISTORY = 2 * MAX_RETURNS + 3

/** The statuses in which a dossier is assembled: attachments are added or removed (a draft, or returned for more). */
export const EDITABLE_STATUSES: readonly DossierStatus[] = ['draft', 'returned']

/** A dossier stays open (one per cluster, year and title) until decided. */
export const isOpen = (status: DossierStatus) => status !== 'decided'

interface Step {
  /** The statuses the step starts from, each with the status it moves to. */
  moves: Partial<Record<DossierStatus, DossierStatus>>
  /** The step as the wrong-state refusal names it. */
  named: string
}

export const DOSSIER_STEPS = {
  submit: { moves: { draft: 'submitted', returned: 'submitted' }, named: 'submitting it to the Ministry' },
  return: { moves: { submitted: 'returned' }, named: 'returning it to the cluster' },
  accept: { moves: { submitted: 'accepted' }, named: 'accepting it' },
  decide: { moves: { accepted: 'decided' }, named: 'marking it decided' }
} as const satisfies Record<string, Step>
export type DossierStep = keyof typeof DOSSIER_STEPS

/** The status `step` moves a dossier to from `status`; 409 `dossier_wrong_state` when it cannot start there. */
export function advance (step: DossierStep, status: DossierStatus): DossierStatus {
  const moves: Step['moves'] = DOSSIER_STEPS[step].moves
  const to = moves[status]
  if (to === undefined) {
    const from = Object.keys(moves).join(' or ')
    throw conflict('dossier_wrong_state', `The dossier is ${status}; ${DOSSIER_STEPS[step].named} starts from ${from}.`,
      { dossierStatus: status, step })
  }
  return to
}

/** Attachments are added and removed while the dossier is draft or returned; 409 `dossier_not_editable` otherwise. */
export function assertEditable (status: DossierStatus): void {
  if (EDITABLE_STATUSES.includes(status)) return
  throw conflict('dossier_not_editable', `The dossier is ${status}: attachments are added and removed while it is draft or returned.`, { dossierStatus: status })
}

/** One status change of a dossier. */
export interface DossierHistoryEntry {
  from: DossierStatus
  to: DossierStatus
  /** The instant of the change (ISO 8601, UTC). */
  at: string
  /** The token subject that took the step. */
  by: string
  role: string
  /** A return's reason. */
  reason?: string
  /** A submission's content hash. */
  contentHash?: string
}

export interface Taker { at: string, by: string, role: string }

const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u

/** A return's reason as stored: NFC, trimmed; 422 `invalid_return_reason` unless visible text of 1..2000 characters. */
export function returnReason (raw: string | undefined): string {
  const reason = (raw ?? '').normalize('NFC').trim()
  if (!VISIBLE.test(reason) || [...reason].length > REASON_MAX_LENGTH) {
    throw ruleBroken('invalid_return_reason',
      `A return needs a reason: visible text of 1 to ${REASON_MAX_LENGTH} characters once trimmed.`,
      { errors: [{ path: '/body/reason', message: VISIBLE.test(reason) ? `is longer than ${REASON_MAX_LENGTH} characters` : 'has no visible text' }] })
  }
  return reason
}

export const returnsOf = (history: readonly DossierHistoryEntry[]) => history.filter((h) => h.to === 'returned').length

/**
 * `step` taken on a dossier by `taker`: the status it moves to and its history entry. A return checks its limit
 * (409) before its reason (422).
 */
export function transition (
  dossier: { status: DossierStatus, history: readonly DossierHistoryEntry[] }, step: DossierStep, taker: Taker,
  extra: { reason?: string, contentHash?: string } = {}
): { status: DossierStatus, entry: DossierHistoryEntry } {
  const status = advance(step, dossier.status)
  const entry: DossierHistoryEntry = { from: dossier.status, to: status, ...taker }
  if (step === 'return') {
    const returns = returnsOf(dossier.history)
    if (returns >= MAX_RETURNS) {
      throw conflict('dossier_return_limit', `The dossier has been returned ${returns} times, the most allowed (${MAX_RETURNS}); accept it or leave it.`,
        { returns, maxReturns: MAX_RETURNS })
    }
    entry.reason = returnReason(extra.reason)
  }
  if (step === 'submit' && extra.contentHash !== undefined) entry.contentHash = extra.contentHash
  return { status, entry }
}

/** A proposal of a dossier as the acceptance sees it. */
export interface ProposalState {
  proposalId: string
  status: DossierProposalStatus
}

/**
 * The acceptance of `acceptedIds` among the dossier's proposals: those become accepted, every other not_accepted.
 * 422 `dossier_proposal_unknown` naming the ids that are not proposals of the dossier; a repeated id counts once.
 */
export function acceptProposals (proposals: readonly ProposalState[], acceptedIds: readonly string[]): ProposalState[] {
  const ids = new Set(acceptedIds.map((id) => id.toLowerCase()))
  const known = new Set(proposals.map((p) => p.proposalId))
  const unknown = [...ids].filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw ruleBroken('dossier_proposal_unknown',
      `${unknown.length === 1 ? 'Proposal' : 'Proposals'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in this dossier.`, { proposalIds: unknown })
  }
  return proposals.map((p) => ({ proposalId: p.proposalId, status: ids.has(p.proposalId) ? 'accepted' : 'not_accepted' }))
}

/**
 * The proposals once `decidedIds` are awarded by a decision: an accepted one among them becomes decided (any other is
 * left as it is), and whether the dossier is then decided: it was accepted and no accepted proposal is left waiting.
 */
export function decideProposals (
  dossierStatus: DossierStatus, proposals: readonly ProposalState[], decidedIds: ReadonlySet<string>
): { proposals: ProposalState[], changed: string[], dossierDecided: boolean } {
  const changed: string[] = []
  const after = proposals.map((p) => {
    if (p.status !== 'accepted' || !decidedIds.has(p.proposalId)) return p
    changed.push(p.proposalId)
    return { ...p, status: 'decided' as const }
  })
  const dossierDecided = dossierStatus === 'accepted' && after.some((p) => p.status === 'decided') && !after.some((p) => p.status === 'accepted')
  return { proposals: after, changed, dossierDecided }
}

/**
 * 422 `award_proposal_not_accepted` when a decision awards a proposal of this dossier that the Ministry has not
 * accepted (still proposed, or not accepted; a returned dossier's proposals are proposed again). A decided one may be
 * awarded again by a correcting decision that revoked its award.
 */
export function assertAwardable (
  dossier: { id: string, status: DossierStatus }, proposals: ReadonlyArray<ProposalState & { unitId: string, unitName: string }>, awardedIds: ReadonlySet<string>
): void {
  const refused = proposals.filter((p) => awardedIds.has(p.proposalId) && p.status !== 'accepted' && p.status !== 'decided')
  if (refused.length === 0) return
  throw ruleBroken('award_proposal_not_accepted',
    `${refused.map((p) => `${p.unitName} (${p.unitId}) is ${p.status.replace('_', ' ')}`).join('; ')}, not accepted, in dossier ${dossier.id} ` +
    `(${dossier.status}): a decision awards a proposal of a dossier once the Ministry has accepted it.`,
    { dossierId: dossier.id, units: refused.map(({ unitId, unitName, status }) => ({ unitId, unitName, status })) })
}

/** The proposed units without an achievement report among the dossier's attachments (submission needs one each). */
export function missingAchievementReports (
  unitIds: readonly string[], attachments: ReadonlyArray<{ kind: AttachmentKind, unitId: string | null }>
): string[] {
  const reported = new Set(attachments.filter((a) => a.kind === 'achievement_report').map((a) => a.unitId))
  return unitIds.filter((id) => !reported.has(id))
}

/**
 * An attachment fits the dossier: a unit attaches only its own achievement report (403 otherwise), an achievement
 * report names a proposed unit (any attachment that names a unit names one of them), and the dossier holds at most
 * MAX_ATTACHMENTS.
 */
export function assertAttachment (
  attachment: { kind: AttachmentKind, unitId: string | null },
  context: { proposedUnitIds: readonly string[], count: number, actorUnitId: string | null }
): void {
  if (context.actorUnitId !== null && (attachment.kind !== 'achievement_report' || attachment.unitId !== context.actorUnitId)) {
    throw forbidden('A unit token attaches its own achievement report only: kind achievement_report with its own unitId.')
  }
  if (attachment.kind === 'achievement_report' && attachment.unitId === null) {
    throw ruleBroken('attachment_unit_required', 'An achievement report names the proposed unit it reports on (unitId).')
  }
  if (attachment.unitId !== null && !context.proposedUnitIds.includes(attachment.unitId)) {
    throw ruleBroken('attachment_unit_not_proposed', `Unit ${attachment.unitId} is not proposed in this dossier.`, { unitId: attachment.unitId })
  }
  if (context.count >= MAX_ATTACHMENTS) {
    throw ruleBroken('dossier_attachments_limit', `The dossier already has ${MAX_ATTACHMENTS} attachments, as many as one dossier takes.`, { limit: MAX_ATTACHMENTS })
  }
}

/**
 * The attachment `attachmentId` of the dossier, checked for removal: it must be one of the dossier's (404
 * `dossier_attachment_not_found` otherwise), a unit token removes only an achievement report on its own unit (403,
 * as it attaches only those), and the dossier must be editable (409 `dossier_not_editable`): what may be added may be
 * taken back, until the dossier is sent.
 */
export function attachmentToRemove<A extends { id: string, kind: AttachmentKind, unitId: string | null }> (
  dossier: { id: string, status: DossierStatus, attachments: readonly A[] }, attachmentId: string, actorUnitId: string | null
): A {
  const attachment = dossier.attachments.find((a) => a.id === attachmentId)
  if (!attachment) {
    throw new DomainError('not_found', 'dossier_attachment_not_found', `Dossier ${dossier.id} has no attachment ${attachmentId}.`,
      { dossierId: dossier.id, attachmentId })
  }
  if (actorUnitId !== null && (attachment.kind !== 'achievement_report' || attachment.unitId !== actorUnitId)) {
    throw forbidden('A unit token removes its own achievement report only.')
  }
  assertEditable(dossier.status)
  return attachment
}

/** What the content hash covers: the dossier's identity, its proposals with their votes, its attachments' bytes. */
export interface HashedDossier {
  clusterId: string
  year: number
  titleCode: string
  proposals: ReadonlyArray<{ proposalId: string, unitId: string, round: number, votes: number, ballotsCast: number, electorate: number }>
  attachments: ReadonlyArray<{ fileId: string, sha256: string, kind: AttachmentKind, unitId: string | null }>
}

/**
 * SHA-256 (hex) of the canonical JSON of the dossier as submitted: its proposals in the order shown and its
 * attachments in the order added. The checklist is not hashed: it is judged from the records when read (and again at
 * the acceptance), so discipline recorded after the submission shows in it without changing what was sent.
 */
export const dossierHash = ({ clusterId, year, titleCode, proposals, attachments }: HashedDossier) =>
  sha256Hex(canonicalJson({
    clusterId,
    year,
    titleCode,
    proposals: proposals.map(({ proposalId, unitId, round, votes, ballotsCast, electorate }) => ({ proposalId, unitId, round, votes, ballotsCast, electorate })),
    attachments: attachments.map(({ fileId, sha256, kind, unitId }) => ({ fileId, sha256, kind, unitId }))
  }))

/**
 * Who reads a dossier: `all` (admin, reader, ministry, the cluster's secretariat), `proposed` (a unit: the dossiers
 * proposing it), `none` (another cluster's secretariat).
 */
export type DossierView = 'all' | 'proposed' | 'none'

export function dossierView (viewer: { role: string, clusterId?: string }, clusterId: string): DossierView {
  if (viewer.role === 'unit') return 'proposed'
  if (viewer.role === 'secretariat') return viewer.clusterId === clusterId ? 'all' : 'none'
  return 'all'
}

/** Why a proposed unit's standard is not met, as the checklist and the refusals say it. */
export type StandardGap = IneligibilityReason | 'ranking_not_final'

// The election's words for the ranking's reasons, so a dossier and a vote say the same thing.
const GAP_WORDS: Record<StandardGap, (year: number) => string> = {
  ...INELIGIBILITY_WORDS,
  ranking_not_final: (year) => `cannot be judged: the cluster's annual scores of ${year} are not finalized`
}

/**
 * The gap a proposal is held to at submission and acceptance. An admin's eligibility override recorded on the vote
 * (the election's) carries into the dossier for the ranking standard, never for discipline, which bars every title by
 * law (Circular 12/2019/TT-BCA, art. 2): an overridden proposal falls short only while its unit is under discipline.
 */
export function judgedGap (gap: StandardGap | null, overridden: boolean, underDiscipline: boolean): StandardGap | null {
  if (!overridden) return gap
  return underDiscipline ? 'under_discipline' : null
}

/** "Cục Y tế (id) is under discipline …": a unit named by name and id, and why it falls short. */
export const describeGap = (unit: { unitId: string, unitName: string }, gap: StandardGap, year: number) =>
  `${unit.unitName} (${unit.unitId}) ${GAP_WORDS[gap](year)}`

/**
 * 422 `dossier_unit_not_eligible` naming every unit in `gaps` (by name and id) and why, at `step` (the submission or
 * the acceptance).
 */
export function assertNoGaps (
  gaps: ReadonlyArray<{ unitId: string, unitName: string, gap: StandardGap }>, titleCode: string, year: number, step: 'submitted' | 'accepted'
): void {
  if (gaps.length === 0) return
  const units = gaps.map((g) => ({ unitId: g.unitId, unitName: g.unitName, reason: g.gap, detail: describeGap(g, g.gap, year) }))
  throw ruleBroken('dossier_unit_not_eligible',
    `${units.map((u) => u.detail).join('; ')}; the dossier for ${titleCode} cannot be ${step} with ${gaps.length === 1 ? 'it' : 'them'}.`, { units })
}

/** 422 `achievement_report_missing` naming every proposed unit without its achievement report. */
export function assertReportsAttached (missing: ReadonlyArray<{ unitId: string, unitName: string }>): void {
  if (missing.length === 0) return
  throw ruleBroken('achievement_report_missing',
    `${missing.map((u) => `${u.unitName} (${u.unitId})`).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no achievement report attached; ` +
    'attach one per proposed unit before submitting.', { units: missing.map(({ unitId, unitName }) => ({ unitId, unitName })) })
}
