// Schemas the routes of more than one resource use: path parameters, thresholds, title codes, any JSON object.
// Each schema with an $id is still registered by its resource's list, so the contract is unchanged.
import { Type } from 'typebox'
import { KNOWN_TITLE_CODES } from '../domain/pledge.js'
import { EXAMPLE_IDS } from './examples.js'
import { Integer, Subject } from './shared-schemas.js'

export const Threshold = Type.Object({
  numerator: Integer(0, 1000),
  denominator: Integer(1, 1000),
  comparison: Type.Enum(['at_least', 'more_than'], {
    description: '`at_least`: count/total ≥ numerator/denominator; `more_than`: count/total > numerator/denominator.'
  })
}, {
  $id: 'Threshold',
  additionalProperties: false,
  description: 'An exact fraction (two integers, never a rounded decimal) and how a share is compared with it. ' +
    'The numerator cannot exceed the denominator.',
  examples: [{ numerator: 2, denominator: 3, comparison: 'at_least' }]
})

// Any object, kept whole: without additionalProperties the serializer would write `{}` for every snapshot.
export const JsonObjectOrNull = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
  $id: 'JsonObjectOrNull',
  description: 'Any JSON object, or null.'
})

/** A title code as a field states it, with what it means there. */
export const titleCodeOf = (options: { description: string, examples?: string[] }) =>
  Type.String({ maxLength: 50, pattern: '^[a-z][a-z0-9_]{0,49}$', ...options })

export const TitleCode = titleCodeOf({
  description: `A title code of the catalogue (GET /v1/titles): ${KNOWN_TITLE_CODES.map((c) => `\`${c}\``).join(', ')} or another the catalogue lists.`,
  examples: ['ministry_flag']
})

/**
 * A path parameter's id: the Uuid schema spelled out rather than a $ref, because @fastify/swagger drops every
 * keyword beside a $ref, the parameter's description with them. `example`: an id of http/examples.ts, which names
 * nothing on a fresh service, so Swagger UI's "Try it out" fills it in and answers 404 naming it (the caller sees
 * which id to replace) instead of refusing to send. A query filter takes none: Swagger UI would filter every call.
 */
export const IdParam = (description: string, example?: string) =>
  Type.String({ format: 'uuid', maxLength: 36, description, ...(example ? { examples: [example] } : {}) })

export const ClusterParams = Type.Object({ clusterId: IdParam('The cluster\'s id (cụm thi đua).', EXAMPLE_IDS.cluster) })

export const UnitParams = Type.Object({ unitId: IdParam('The unit\'s id (đơn vị).', EXAMPLE_IDS.unit) })

const SchemeId = IdParam('The id of one version of a scoring scheme (quy định chấm điểm).', EXAMPLE_IDS.scheme)

export const SchemeParams = Type.Object({ schemeId: SchemeId })

export const SchemeUnitParams = Type.Object({
  schemeId: SchemeId,
  unitId: IdParam('The unit\'s id: a member of the scheme\'s cluster in the scheme\'s year.', EXAMPLE_IDS.unit)
})

// An election's override, which a dossier's proposals carry on (elections and dossiers both show it).
export const EligibilityOverride = Type.Object({
  reason: Type.String({ maxLength: 2000, description: 'Why the candidates stand although the ranking does not make them eligible.' }),
  by: Subject({ description: 'The admin who overrode (token subject).' })
}, { $id: 'EligibilityOverride', description: 'An admin\'s recorded decision to put forward candidates the ranking does not make eligible.' })

/** `?decimal=` of an operation answering CSV: how its numbers are written (http/spreadsheet.ts's CsvDecimal). */
export const CsvDecimalQuery = Type.Enum(['point', 'comma'], {
  default: 'point',
  description: 'How the CSV writes numbers: `point` (`92.50`, cells separated by `,`) or `comma` (`92,50`, cells ' +
    'separated by `;`: what Excel reads as numbers under a Vietnamese or other European Windows locale). Any other ' +
    'value: 400. JSON and XLSX ignore it: JSON numbers are numbers, and the workbook holds the exact numbers, which ' +
    'Excel shows in the reader\'s locale.'
})
