// A scorecard's history (every status change) and the body of a return for revision: the schemas and examples of
// issue 14's return step, kept apart from schemas.ts, which adds `history` to the Scorecard.
import { Type } from 'typebox'
import { ROLES } from '../../auth/tokens.js'
import { MAX_HISTORY, RETURN_REASON_MAX_LENGTH, SCORECARD_STATUSES } from '../../domain/scoring/scorecard-lifecycle.js'
import { EXAMPLE_YEAR } from '../../http/examples.js'
import { Instant, ref, Subject } from '../../http/shared-schemas.js'

const at = (day: string) => `${EXAMPLE_YEAR}-${day}T02:00:00.000Z`

export const RETURN_REASON_EXAMPLE = 'Tiêu chí I.2 thiếu tài liệu kiểm chứng; đề nghị đơn vị bổ sung và gửi lại.'

const Reason = Type.String({
  minLength: 1,
  maxLength: RETURN_REASON_MAX_LENGTH,
  pattern: '\\S',
  description: `Why the scorecard goes back to the unit: visible text, at most ${RETURN_REASON_MAX_LENGTH} characters; stored trimmed.`
})

export const ScorecardHistoryEntry = Type.Object({
  from: Type.Enum([...SCORECARD_STATUSES]),
  to: Type.Enum([...SCORECARD_STATUSES]),
  at: ref(Instant, { description: 'When the status changed.' }),
  by: Subject({ description: 'The subject of the token that took the step.' }),
  role: Type.Unsafe<string>(Type.Enum([...ROLES], { description: 'Its role.' })),
  reason: Type.Optional(Reason)
}, {
  $id: 'ScorecardHistoryEntry',
  additionalProperties: false,
  description: 'One status change of a scorecard (submit, review, explain, return, finalize; a save changes no status). ' +
    'A return carries its reason.'
})

/** The history of the example scorecard (routes/scorecards/examples.ts: submitted on 20 November, reviewed on 27). */
export const historyExample = [
  { from: 'draft', to: 'submitted', at: at('11-20'), by: 'ca-lao-cai-van-thu', role: 'unit' },
  { from: 'submitted', to: 'reviewed', at: at('11-27'), by: 'van-phong-cum-1', role: 'secretariat' }
]

export const History = Type.Array(ref(ScorecardHistoryEntry), {
  maxItems: MAX_HISTORY,
  description: `Every status change, oldest first. A scorecard is returned at most 20 times, so it has at most ${MAX_HISTORY} ` +
    '(four changes per returned cycle, five in the last).'
})

export const ReturnBody = Type.Object({ reason: Reason }, {
  $id: 'ScorecardReturnBody',
  additionalProperties: false,
  description: 'Why the scorecard goes back to the unit for revision.',
  examples: [{ reason: RETURN_REASON_EXAMPLE }]
})

export const historySchemas = [ScorecardHistoryEntry, ReturnBody]
