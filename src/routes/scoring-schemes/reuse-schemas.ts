// Schemas of issue 14 parts 5 and 6 (criteria that do not apply to a unit; reusing a scheme), kept apart so that
// schemas.ts stays under the route files' 200 lines.
import { Type } from 'typebox'
import { MAX_NOT_APPLICABLE } from '../../domain/scoring/index.js'
import { ref, Uuid } from '../../http/shared-schemas.js'

/** Criteria that do not apply to the unit; at most MAX_NOT_APPLICABLE, above any real scheme's criteria count. */
export const NotApplicableCodes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: MAX_NOT_APPLICABLE,
  uniqueItems: true,
  description: 'Codes of the criteria that do not apply to the unit (a group marks every criterion under it; not a ' +
    'bonus_deduction criterion). They score nothing and leave the unit\'s maximum; with the cluster rule ' +
    '`rescaleNotApplicable` (default true) the unit\'s base is rescaled to the scheme\'s maximum. A not-applicable ' +
    'quantitative criterion needs no target. Absent: every criterion applies.',
  examples: [['II.2']]
})

/** The create-scheme body's fields for a copy of another scheme. */
export const copyFields = {
  copyFrom: Type.Optional(ref(Uuid, {
    description: 'Draft a copy of this scheme (any cluster, year and status) instead of giving the content: its ' +
      'criteria, caps, bands, tie-breaks and Ministry-flag band. Content given alongside it is refused.'
  })),
  copyTargets: Type.Optional(Type.Boolean({
    description: 'With `copyFrom`: also copy the targets and not-applicable marks of the units that are members of this ' +
      'cluster in `year`. Default false.'
  }))
}
