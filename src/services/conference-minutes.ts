// What the printed minutes of a conference show: its record, the place before the date, the member units present
// and absent on its date, what it adopted (the cluster documents adopted and the reports finalized at it, the
// advisory group's founding decision it links), the pledge it links with the signatures made by its date, and the
// votes held at it (each closed round's counts, never a voter).
import type { Knex } from 'knex'
import { findAdvisoryGroup } from '../db/advisory-groups-repository.js'
import { getBlock } from '../db/blocks-repository.js'
import { documentsAdoptedAt } from '../db/cluster-documents-repository.js'
import { getPledge, signaturesUntil } from '../db/pledges-repository.js'
import { reportsFinalizedAt } from '../db/reports-repository.js'
import { DOCUMENT_KINDS } from '../domain/cluster-document.js'
import { getCluster } from '../db/clusters-repository.js'
import { electionsOfConference, roundsOf, type Election } from '../db/elections-repository.js'
import { memberUnitIdsOn } from '../db/memberships-repository.js'
import { unitNames } from '../db/units-repository.js'
import { isFinalized } from '../domain/conference.js'
import { attendanceRoll, printedPlace } from '../domain/minutes.js'
import { vietnameseSortKey } from '../domain/text.js'
import { minutesHash, type AdoptedAtConference, type MinutesDocumentData, type PledgeAtConference } from '../documents/minutes-document.js'
import type { MinutesElection } from '../documents/minutes-votes.js'
import { issuerOf } from '../documents/official-heading.js'
import { titleName } from '../documents/pledge-document.js'
import type { ReadContext } from './context.js'
import { readConference } from './conferences.js'

/** The elections with their closed rounds, and every unit id they name. */
async function votesOf (db: Knex, elections: Election[]) {
  const rounds = await Promise.all(elections.map(async (e) => (await roundsOf(db, e.id)).flatMap((r) => (r.tally ? [r.tally] : []))))
  const unitIds = rounds.flat().flatMap((t) => t.counts.map((c) => c.unitId)).concat(elections.flatMap((e) => e.winners.map((w) => w.unitId)))
  return { rounds, unitIds }
}

/** What the conference adopted or announced (see AdoptedAtConference). */
async function adoptedAt (db: Knex, conference: { id: string, clusterId: string, links: { advisoryGroupYear: number | null } }): Promise<AdoptedAtConference> {
  const documents = (await documentsAdoptedAt(db, conference.id))
    .sort((a, b) => DOCUMENT_KINDS.indexOf(a.kind) - DOCUMENT_KINDS.indexOf(b.kind) || a.versionNumber - b.versionNumber)
  const reports = await reportsFinalizedAt(db, conference.id)
  const year = conference.links.advisoryGroupYear
  const group = year === null ? undefined : await findAdvisoryGroup(db, conference.clusterId, year)
  return {
    documents: documents.map(({ kind, title, versionNumber }) => ({ kind, title, versionNumber })),
    reports: reports.map(({ period, year }) => ({ period, year })),
    advisoryDecision: group ? { ...group.decision, year: group.year, members: group.members.length } : null
  }
}

/**
 * The linked pledge and its signatures: for a finalized record those made by its finalization (the minutes print
 * what was signed when they were closed, and a signature recorded after the day, as history often is, still
 * counts), for a draft every one so far.
 */
async function pledgeAt (db: Knex, pledgeId: string | null, finalizedAt: string | null, members: number): Promise<PledgeAtConference | null> {
  if (pledgeId === null) return null
  const pledge = await getPledge(db, pledgeId)
  const signatures = await signaturesUntil(db, pledgeId, finalizedAt === null ? null : new Date(finalizedAt))
  return {
    title: pledge.title,
    versionNumber: pledge.versionNumber,
    members,
    signatures: signatures.map(({ unitName, signerName, signerPosition, signedOn }) => ({ unitName, signerName, signerPosition, signedOn }))
  }
}

/** What the printed minutes show, and the name their file is offered under. */
export async function conferenceMinutesData (
  ctx: ReadContext, { conferenceId }: { conferenceId: string }
): Promise<{ data: MinutesDocumentData, fileName: string }> {
  const { db } = ctx
  const conference = await readConference(ctx, { conferenceId })
  const cluster = await getCluster(db, conference.clusterId)
  const block = await getBlock(db, cluster.blockId)
  const { chair, links: { flagHandover } } = conference
  const roll = attendanceRoll(await memberUnitIdsOn(db, conference.clusterId, conference.heldOn), conference.attendingUnitIds, chair.unitId)
  const elections = await electionsOfConference(db, conference.id, conference.links.electionIds)
  const votes = await votesOf(db, elections)
  const names = await unitNames(db, [
    ...roll.present, ...roll.absent, ...votes.unitIds,
    ...(chair.unitId ? [chair.unitId] : []),
    ...(flagHandover ? [flagHandover.fromUnitId, flagHandover.toUnitId] : [])
  ])
  const name = (id: string) => names.get(id)!
  const issuer = issuerOf(block.name, cluster.name)
  const printed: MinutesElection[] = elections.map((e, i) => ({
    kind: e.kind,
    office: e.office,
    titleName: e.titleCode === null ? null : titleName(e.titleCode),
    termYear: e.termYear,
    seats: e.seats,
    status: e.status,
    cancellationReason: e.cancellation?.reason ?? null,
    rounds: votes.rounds[i].map((t) => ({
      round: t.round,
      electorate: t.electorate,
      ballotsCast: t.ballotsCast,
      blankBallots: t.blankBallots,
      quorumMet: t.quorum.met,
      minimumVotes: t.threshold.minimumVotes,
      outcome: t.outcome,
      counts: t.counts.map((c) => ({ unitName: name(c.unitId), votes: c.votes })),
      winners: t.winners.map((w) => ({ unitName: name(w.unitId), votes: w.votes, decidedBy: w.decidedBy }))
    })),
    elected: e.winners.map((w) => name(w.unitId))
  }))
  return {
    data: {
      issuer,
      place: printedPlace(conference.place, conference.location, issuer[0]),
      date: conference.heldOn,
      createdAt: new Date(conference.finalizedAt ?? conference.updatedAt),
      kind: conference.kind,
      status: conference.status,
      title: conference.title,
      heldAt: conference.heldAt,
      location: conference.location,
      chair: { ...chair, unitName: chair.unitId ? name(chair.unitId) : null },
      secretary: conference.secretary,
      presentUnits: roll.present.map(name),
      // Members come in no set order: sorted by name, the same record prints the same bytes.
      absentUnits: roll.absent.map(name).sort((a, b) => vietnameseSortKey(a).localeCompare(vietnameseSortKey(b))),
      guests: conference.guests,
      quorum: conference.quorum,
      agenda: conference.agenda,
      minutes: conference.minutes,
      decisions: conference.decisions,
      awardTally: conference.awardTally,
      adopted: await adoptedAt(db, conference),
      pledge: await pledgeAt(db, conference.links.pledgeId, isFinalized(conference.status) ? conference.finalizedAt : null, roll.present.length + roll.absent.length),
      elections: printed,
      flagHandover: flagHandover
        ? { fromUnitName: name(flagHandover.fromUnitId), toUnitName: name(flagHandover.toUnitId), year: flagHandover.year }
        : null,
      hash: isFinalized(conference.status) ? minutesHash(conference) : null
    },
    fileName: `bien-ban-hoi-nghi-${conference.heldOn}`
  }
}
