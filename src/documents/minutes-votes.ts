// The votes held at a conference as its minutes state them: for each election, what it chose, each closed round's
// turnout and the votes each candidate received (counts only: a ballot's voter is never known, let alone printed),
// and the outcome. The words are built here from plain data; minutes-document.ts places them on the page.
import type { DecidedBy, ElectionKind, ElectionStatus, Office, RoundOutcome } from '../domain/election.js'

export interface MinutesRound {
  round: number
  /** Units that could vote in the round, and ballots cast (blank ones included). */
  electorate: number
  ballotsCast: number
  blankBallots: number
  quorumMet: boolean
  /** The fewest votes that elect, or null when no count can. */
  minimumVotes: number | null
  outcome: RoundOutcome
  /** Every candidate, most votes first. */
  counts: Array<{ unitName: string, votes: number }>
  winners: Array<{ unitName: string, votes: number, decidedBy: DecidedBy }>
}

export interface MinutesElection {
  kind: ElectionKind
  office: Office | null
  /** The title's name, for a title election. */
  titleName: string | null
  termYear: number
  seats: number
  status: ElectionStatus
  cancellationReason: string | null
  /** The closed rounds, in order. */
  rounds: MinutesRound[]
  /** The units elected, in order. */
  elected: string[]
}

/** "Bầu đơn vị Cụm trưởng năm 2025", "Bình xét đề nghị Cờ thi đua của Bộ Công an năm 2024 (2 suất)". */
export function electionHeading (e: MinutesElection): string {
  const what = e.kind === 'title'
    ? `Bình xét đơn vị đề nghị tặng ${e.titleName ?? 'danh hiệu'} năm ${e.termYear}`
    : `Bầu đơn vị ${e.office === 'head' ? 'Cụm trưởng' : 'Cụm phó'} năm ${e.termYear}`
  return e.seats > 1 ? `${what} (${e.seats} suất)` : what
}

const DECIDED_BY: Record<DecidedBy, string> = {
  votes: '',
  final_score: ', theo điểm tổng kết năm do bằng số phiếu',
  lots: ', theo bốc thăm do bằng số phiếu'
}

const OUTCOME: Record<Exclude<RoundOutcome, 'decided'>, string> = {
  tie: 'các đơn vị bằng số phiếu, bỏ phiếu vòng tiếp theo',
  no_quorum: 'không đủ số đơn vị tham gia bỏ phiếu, vòng bỏ phiếu không có giá trị',
  no_winner: 'không đơn vị nào đạt số phiếu cần thiết'
}

/** One round: turnout, the count of each candidate, and what the round decided. */
export function roundText (r: MinutesRound): string {
  const turnout = `${r.ballotsCast}/${r.electorate} đơn vị bỏ phiếu${r.blankBallots > 0 ? ` (${r.blankBallots} phiếu trắng)` : ''}`
  const counts = r.counts.map((c) => `${c.unitName}: ${c.votes} phiếu`).join('; ')
  const needed = r.minimumVotes === null ? '' : `, cần ít nhất ${r.minimumVotes} phiếu để trúng`
  const result = r.outcome === 'decided'
    ? 'trúng: ' + r.winners.map((w) => `${w.unitName} (${w.votes} phiếu${DECIDED_BY[w.decidedBy]})`).join(', ')
    : OUTCOME[r.outcome]
  return `Vòng ${r.round}: ${turnout}${needed}. ${counts ? `Số phiếu: ${counts}. ` : ''}Kết quả vòng: ${result}.`
}

/** The election's outcome as it stands. */
export function electionOutcome (e: MinutesElection): string {
  switch (e.status) {
    case 'draft': return 'Chưa bỏ phiếu.'
    case 'open': return 'Đang bỏ phiếu; chưa kiểm phiếu vòng hiện tại.'
    case 'closed': return 'Chưa có kết quả; chờ vòng bỏ phiếu tiếp theo.'
    case 'cancelled': return `Đã hủy${e.cancellationReason ? `: ${e.cancellationReason}` : ''}.`
    case 'decided':
      if (e.elected.length === 0) return 'Không đơn vị nào được bầu.'
      return `${e.elected.join(', ')} ${e.kind === 'title' ? 'được bình xét đề nghị' : 'được bầu'}.`
  }
}
