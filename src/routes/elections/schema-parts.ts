// The pieces the election schemas and the result schemas share.
import { Type } from 'typebox'
import { INELIGIBILITY_REASONS } from '../../domain/election.js'
import { INT32_MAX, Integer, ref, Uuid } from '../../http/shared-schemas.js'

export const TermYear = Integer(1945, 2100, {
  description: 'For `leadership`, the year the elected units serve; for `title`, the year the title honours.',
  examples: [2017]
})
export const Seats = Integer(1, 100)
export const Year = Integer(1945, 2100)
/** A round number: 0 before the first round opens. */
export const RoundNumber = (options: { description?: string } = {}) => Integer(0, 100, options)
export const Count = (options: { description?: string } = {}) => Integer(0, INT32_MAX, options)
export const UnitIds = (description: string, maxItems = 500) => Type.Array(ref(Uuid), { maxItems, description })
export const DECIDED_BY = ['votes', 'final_score', 'lots'] as const

export const ElectedUnit = Type.Object({
  unitId: ref(Uuid),
  votes: Count({ description: 'Votes in the round that elected it.' }),
  round: RoundNumber(),
  decidedBy: Type.Enum([...DECIDED_BY], {
    description: '`votes`: reached the threshold within the seats; `final_score`: a tie after the last voting round ' +
      'settled by the higher final score of the year\'s ranking; `lots`: settled by the recorded drawing of lots.'
  }),
  ineligibility: Type.Optional(Type.Object({
    reason: Type.Enum([...INELIGIBILITY_REASONS], {
      description: '`under_discipline` (pending or in force in the year), `below_ministry_flag_band`, `not_leading_unit` ' +
        '(Government flag) or `not_ranked`, in the finalized ranking of the year.'
    }),
    detail: Type.String({ maxLength: 500 })
  }, {
    description: 'Only on a title election\'s winner that the finalized ranking no longer made eligible when the election ' +
      'closed: why it is not proposed.'
  }))
}, { $id: 'ElectedUnit' })
