import { Type } from 'typebox'
import { MAX_CONSECUTIVE_YEARS, QUOTA_BASES, RANKING_STANDARDS, TITLE_LEVELS, TITLE_RECIPIENTS, DEFAULT_TITLES } from '../../domain/titles.js'
import { TitleCode } from '../../http/common-schemas.js'
import { discriminated } from '../../http/discriminated.js'
import { exampleStamps, withPageExample } from '../../http/examples.js'
import { Instant, Integer, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Version } from '../../http/shared-schemas.js'

/** A standard's wording and a legal basis are a paragraph of a circular at most. */
const STANDARD_TEXT_MAX_LENGTH = 2000
const LEGAL_BASIS_MAX_LENGTH = 1000

const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description })

const governmentFlag = DEFAULT_TITLES[0]
const titleExample = { ...governmentFlag, builtIn: true, ...exampleStamps }

export const TitleStandard = Type.Object({
  ranking: Type.Enum([...RANKING_STANDARDS], {
    description: 'What the cluster\'s finalized ranking must show for a unit to stand: `none` (only that it is ranked ' +
      'and not under discipline), `ministry_flag_band` (a band at or above the scheme\'s `ministryFlagBand`), ' +
      '`leads_cluster` (first place with that band). Title elections and dossiers judge candidates by it.'
  }),
  consecutiveYears: Integer(1, MAX_CONSECUTIVE_YEARS, { description: 'Years in a row the standard must be met.' }),
  description: Text(STANDARD_TEXT_MAX_LENGTH, 'The standard in the words of its legal text.')
}, { $id: 'TitleStandard', additionalProperties: false, description: 'The standard a title needs.', examples: [governmentFlag.standard] })

export const LeadingUnitsQuota = Type.Object({
  basis: Type.Literal('cluster_leading_units'),
  percent: Integer(1, 100, { description: 'The share of the cluster-leading units ministry-wide (one per cluster active in the year).' }),
  rounding: Type.Literal('down', { description: 'Rounded down ("không quá"): 20 % of 9 leading units allows 1, of 10 allows 2.' })
}, { $id: 'LeadingUnitsQuota', additionalProperties: false, description: 'At most this share of the cluster-leading units, rounded down.' })

export const PerClusterQuota = Type.Object({
  basis: Type.Literal('per_cluster'),
  max: Integer(1, 100, { description: 'Accepted proposals per cluster and year.' })
}, { $id: 'PerClusterQuota', additionalProperties: false, description: 'At most this many per cluster and year.' })

export const QuotaRule = discriminated('QuotaRule', 'basis', [LeadingUnitsQuota, PerClusterQuota], {
  description: `How many of the title the Ministry may accept (\`basis\`: ${QUOTA_BASES.join(', ')}).`,
  examples: [governmentFlag.quota]
})

const LegalBasis = Text(LEGAL_BASIS_MAX_LENGTH, 'The legal text the title, its standard and its quota come from (văn bản, điều).')
const QuotaOrNull = Type.Union([ref(QuotaRule), Type.Null()], { description: 'Its quota; null: none beyond the standard.' })

export const Title = Type.Object({
  code: TitleCode,
  name: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'Its Vietnamese name, e.g. Cờ thi đua của Chính phủ.' }),
  level: Type.Enum([...TITLE_LEVELS], { description: 'Who confers it: the Government, the Ministry, or the unit.' }),
  recipient: Type.Enum([...TITLE_RECIPIENTS], { description: '`collective`: a unit (tập thể); `individual`: a person (cá nhân).' }),
  standard: ref(TitleStandard),
  quota: QuotaOrNull,
  legalBasis: Type.String({ maxLength: LEGAL_BASIS_MAX_LENGTH, description: 'The legal text it comes from.' }),
  builtIn: Type.Boolean({ description: 'One of the titles the service starts with.' }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Title',
  description: 'A title of the catalogue (danh hiệu thi đua, hình thức khen thưởng): what it is, who receives it, its standard and quota, and their legal basis.',
  examples: [titleExample]
})

export const TitlePage = withPageExample(pageOf(Title, 'TitlePage'), Title)

export const NewTitle = Type.Object({
  code: TitleCode,
  name: Name,
  level: Type.Enum([...TITLE_LEVELS]),
  recipient: Type.Enum([...TITLE_RECIPIENTS]),
  standard: ref(TitleStandard),
  quota: Type.Optional(QuotaOrNull),
  legalBasis: LegalBasis
}, {
  $id: 'NewTitle',
  additionalProperties: false,
  description: 'A title to add. Its code, level and recipients are fixed once created.',
  examples: [{
    code: 'advanced_collective',
    name: 'Tập thể lao động xuất sắc',
    level: 'unit',
    recipient: 'collective',
    standard: { ranking: 'ministry_flag_band', consecutiveYears: 1, description: 'Tập thể hoàn thành xuất sắc nhiệm vụ, không có cá nhân bị kỷ luật.' },
    quota: null,
    legalBasis: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 27.'
  }]
})

export const TitlePatch = Type.Object({
  name: Type.Optional(Name),
  standard: Type.Optional(ref(TitleStandard)),
  quota: Type.Optional(QuotaOrNull),
  legalBasis: Type.Optional(LegalBasis)
}, {
  $id: 'TitlePatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change; the others keep their value.',
  examples: [{ quota: { basis: 'cluster_leading_units', percent: 20, rounding: 'down' }, legalBasis: governmentFlag.legalBasis }]
})

export const TitleParams = Type.Object({ code: Type.String({ ...TitleCode, description: 'The title\'s code (GET /v1/titles lists them).', examples: ['government_flag'] }) })

export const TitleListQuery = Type.Object({
  ...PageQuery.properties,
  level: Type.Optional(Type.Enum([...TITLE_LEVELS], { description: 'Only titles of this level.' })),
  recipient: Type.Optional(Type.Enum([...TITLE_RECIPIENTS], { description: 'Only titles for collectives, or for individuals.' }))
}, { additionalProperties: false })

export const titleSchemas = [TitleStandard, LeadingUnitsQuota, PerClusterQuota, QuotaRule, Title, TitlePage, NewTitle, TitlePatch]
