// The scoring matrix's JSON: the scheme and cluster, the members (the order of every row's cells), and one row per
// criterion. Linear in size: a row holds one cell per member, a cell four numbers and a flag.
import { Type } from 'typebox'
import { CRITERION_KINDS, MAX_DEPTH } from '../../domain/scoring/index.js'
import { PERIODS } from '../../domain/scoring/scheme-lifecycle.js'
import { SCORECARD_STATUSES } from '../../domain/scoring/scorecard-lifecycle.js'
import { Integer, NAME_MAX_LENGTH, ref, Uuid } from '../../http/shared-schemas.js'
import { matrixExample } from './examples.js'
import { CsvDecimalQuery } from '../../http/common-schemas.js'

/** The ranking's bound: no cluster comes near 10,000 members. */
const MAX_UNITS = 10_000
/** A scorecard has at most 500 leaves (its entries' bound), each under at most MAX_DEPTH − 1 groups. */
const MAX_ROWS = 500 * MAX_DEPTH

const Stage = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })

export const MatrixCell = Type.Object({
  unitId: ref(Uuid),
  self: Stage('The score the engine computes from the unit\'s own entries (a leaf without an entry scores 0); null when the unit has no scorecard.'),
  reviewed: Stage('After the first review (thẩm định): the reviewer\'s points where the review lists the leaf, else the self score it kept; null before the first review, or once a return has cleared it.'),
  secondReview: Stage('After the review that follows the unit\'s explanation: its points where it lists the leaf, else the first review\'s; null when there is none.'),
  final: Stage('The points that count, as the ranking\'s breakdown gives them: the last stage reached; 0 for a unit without a scorecard.'),
  notApplicable: Type.Boolean({ description: 'The criterion does not apply to the unit (its targets\' `notApplicable`, or a group all of whose criteria are): every stage is null.' })
}, {
  $id: 'MatrixCell',
  additionalProperties: false,
  description: 'One criterion\'s points for one unit at each stage. A group\'s value at a stage is the sum of its children\'s there (capped at its maxPoints, as the engine caps it), null when none of them has a value at that stage.'
})

export const MatrixRow = Type.Object({
  code: Type.String({ maxLength: 100 }),
  name: Type.String({ maxLength: 500 }),
  kind: Type.Enum([...CRITERION_KINDS]),
  depth: Integer(1, MAX_DEPTH, { description: '1 for a top-level criterion, 2 for its children, and so on.' }),
  maxPoints: Type.Number(),
  cells: Type.Array(ref(MatrixCell), { maxItems: MAX_UNITS, description: 'One per unit, in `units`\' order.' })
}, { $id: 'MatrixRow', additionalProperties: false, description: 'One criterion of the scheme, with every member\'s points.' })

export const MatrixUnit = Type.Object({
  unitId: ref(Uuid),
  name: Type.String({ maxLength: NAME_MAX_LENGTH }),
  shortName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: 'The CSV\'s column heading when given.' }),
  code: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
  status: Type.Union([Type.Enum([...SCORECARD_STATUSES]), Type.Null()], { description: 'The unit\'s scorecard status; null when it has none.' })
}, { $id: 'MatrixUnit', additionalProperties: false, description: 'A member of the cluster, as the matrix heads its columns.' })

export const ScoringMatrix = Type.Object({
  schemeId: ref(Uuid),
  clusterId: ref(Uuid),
  year: Integer(1945, 2100),
  period: Type.Enum([...PERIODS]),
  final: Type.Boolean({ description: 'Whether the scheme\'s scores are finalised (frozen).' }),
  units: Type.Array(ref(MatrixUnit), {
    maxItems: MAX_UNITS, description: 'The members of the cluster in the scheme\'s year (once final, those of that moment), in Vietnamese alphabetical order of their names.'
  }),
  rows: Type.Array(ref(MatrixRow), { maxItems: MAX_ROWS, description: 'Every criterion in the scheme\'s order, each group before its children.' })
}, { $id: 'ScoringMatrix', additionalProperties: false, description: 'The scoring matrix (bảng tổng hợp điểm): every criterion × every member × self, reviewed, second review and final points.', examples: [matrixExample] })

export const MatrixQuery = Type.Object({
  // No default: a format left out lets the Accept header choose.
  format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx', 'pdf'], {
    description: 'The representation, overriding the Accept header when both are given: `json` (application/json), ' +
      '`csv` (text/csv, UTF-8 with BOM), `xlsx` (an Excel workbook) or `pdf` (the printed table, A4 landscape). ' +
      'Without it, Accept chooses; JSON when Accept is absent or `*/*`.'
  })),
  decimal: Type.Optional(CsvDecimalQuery)
}, { additionalProperties: false })

export const matrixSchemas = [MatrixCell, MatrixRow, MatrixUnit, ScoringMatrix]
