import { Type } from 'typebox'
import { PLEDGE_STATUSES, TARGET_DIRECTIONS } from '../../domain/pledge.js'
import {
  CalendarDate, IdempotencyHeaders, IfMatchHeaders, Instant, Integer, INT32_MAX, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, TokenActor,
  Uuid, Version
} from '../../http/shared-schemas.js'
import { IdParam, TitleCode } from '../../http/common-schemas.js'
import { EXAMPLE_IDS, EXAMPLE_YEAR, exampleStamps, withPageExample } from '../../http/examples.js'
import { EXAMPLE_CONTENT, EXAMPLE_SIGNER, EXAMPLE_STORED, EXAMPLE_TARGET, signatureExample } from './examples.js'

const Year = Integer(1945, 2100, { description: 'The calendar year the pledge is for.' })

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) })

const MAX_COMMITMENTS = 200
const MAX_REGISTERED_TITLES = 500
/** SHA-256 in hex. */
const ContentHash = (description?: string) =>
  Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$', ...(description ? { description } : {}) })

const targetProperties = {
  value: Type.Number({ minimum: -1e12, maximum: 1e12, description: 'The number to reach.', examples: [100] }),
  unit: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S', description: 'What the value counts.', examples: ['%'] }),
  direction: Type.Enum([...TARGET_DIRECTIONS], {
    description: '`higher_is_better`: reach at least the value; `lower_is_better`: stay at or below it.'
  })
}

export const PledgeTarget = Type.Object({
  ...targetProperties,
  description: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()], { description: 'What the target measures, in words.' })
}, { $id: 'PledgeTarget', description: 'A numeric target (chỉ tiêu) of a commitment.' })

export const PledgeTargetInput = Type.Object({
  ...targetProperties,
  // No `default` keyword: the target sits in an anyOf (or null), where Ajv does not apply defaults; the domain does.
  direction: Type.Optional(Type.Enum([...TARGET_DIRECTIONS], { description: '`higher_is_better` when left out.' })),
  description: Type.Optional(Type.Union([Text(1000), Type.Null()]))
}, {
  $id: 'PledgeTargetInput',
  additionalProperties: false,
  description: 'A numeric target (chỉ tiêu) of a commitment.',
  examples: [EXAMPLE_TARGET]
})

export const PledgeCommitment = Type.Object({
  text: Type.String({ maxLength: 4000 }),
  target: Type.Union([ref(PledgeTarget), Type.Null()])
}, { $id: 'PledgeCommitment', description: 'One commitment of the pledge, with its target when it has one.' })

export const PledgeCommitmentInput = Type.Object({
  text: Text(4000, 'The commitment (NFC, trimmed).'),
  target: Type.Optional(Type.Union([ref(PledgeTargetInput), Type.Null()]))
}, { $id: 'PledgeCommitmentInput', additionalProperties: false })

export const RegisteredTitle = Type.Object({
  unitId: ref(Uuid, { description: 'A member unit of the cluster on some day of the year.' }),
  titleCode: TitleCode
}, { $id: 'RegisteredTitle', additionalProperties: false, description: 'A title a member unit registers for (đăng ký danh hiệu).' })

export const Pledge = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  year: Year,
  versionNumber: Integer(1, INT32_MAX, { description: 'The pledge\'s version for the year: 1, then one more per new version.' }),
  previousVersionId: Type.Union([ref(Uuid), Type.Null()], { description: 'The version this one copies; null for version 1.' }),
  title: Type.String({ maxLength: 500 }),
  slogan: Type.String({ maxLength: 500, description: 'The year\'s slogan (khẩu hiệu).' }),
  commitments: Type.Array(ref(PledgeCommitment), { maxItems: MAX_COMMITMENTS }),
  registeredTitles: Type.Array(ref(RegisteredTitle), { maxItems: MAX_REGISTERED_TITLES, description: 'In (unit id, title code) order.' }),
  place: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
    description: 'The place written before the date on the printed pledge (địa danh). Null: the place of the latest ' +
      'conference linking the pledge (its `place`, else the one its location implies), else the issuing body\'s seat. ' +
      'Not part of the content hash: it says where the pledge is printed, not what the units commit to.'
  }),
  status: Type.Enum([...PLEDGE_STATUSES], {
    description: '`draft` (editable) → `open` (frozen, being signed) → `in_force` (every member signed); ' +
      '`superseded` once a newer version opens.'
  }),
  contentHash: Type.Union([ContentHash(), Type.Null()], {
    description: 'Set when the version opens: SHA-256 (hex) of the canonical JSON (keys sorted, no white space) of ' +
      '{clusterId, year, versionNumber, title, slogan, commitments, registeredTitles} as this resource shows them. ' +
      'Null while a draft.'
  }),
  openedAt: Type.Union([ref(Instant), Type.Null()]),
  inForceAt: Type.Union([ref(Instant), Type.Null()], { description: 'When the last member signed.' }),
  supersededAt: Type.Union([ref(Instant), Type.Null()]),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Pledge',
  description: 'One version of a cluster\'s emulation pledge (giao ước thi đua) for a year.',
  examples: [{
    id: EXAMPLE_IDS.pledge,
    clusterId: EXAMPLE_IDS.cluster,
    year: EXAMPLE_YEAR,
    versionNumber: 1,
    previousVersionId: null,
    ...EXAMPLE_STORED,
    place: 'Lào Cai',
    status: 'draft',
    contentHash: null,
    openedAt: null,
    inForceAt: null,
    supersededAt: null,
    ...exampleStamps
  }]
})

export const PledgePage = withPageExample(pageOf(Pledge, 'PledgePage'), Pledge)

const Commitments = (options: { default?: [] } = {}) =>
  Type.Array(ref(PledgeCommitmentInput), { maxItems: MAX_COMMITMENTS, description: 'In order; at least one before opening.', ...options })
const RegisteredTitles = (options: { default?: [] } = {}) =>
  Type.Array(ref(RegisteredTitle), { maxItems: MAX_REGISTERED_TITLES, description: 'Each unit at most once per title.', ...options })

// A province or city's name: "Thành phố Hồ Chí Minh" is the longest, with room for a district's.
const Place = Text(100, 'The place written before the date (địa danh), e.g. Thành phố Hồ Chí Minh; null or left out: see Pledge.place.')

const contentProperties = {
  title: Text(500, 'Stored NFC with single spaces.'),
  slogan: Text(500, 'The year\'s slogan, e.g. "Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả".'),
  commitments: Commitments(),
  registeredTitles: RegisteredTitles()
}

export const NewPledge = Type.Object({
  year: Year,
  title: contentProperties.title,
  slogan: contentProperties.slogan,
  commitments: Type.Optional(Commitments({ default: [] })),
  registeredTitles: Type.Optional(RegisteredTitles({ default: [] })),
  place: Type.Optional(Type.Union([Place, Type.Null()]))
}, {
  $id: 'NewPledge',
  additionalProperties: false,
  description: 'A draft pledge for a year the cluster has none for yet. Commitments and registered titles default to none.',
  examples: [{ year: EXAMPLE_YEAR, ...EXAMPLE_CONTENT, place: 'Lào Cai' }]
})

export const PledgePatch = Type.Partial(Type.Object({ ...contentProperties, place: Type.Union([Place, Type.Null()]) }), {
  $id: 'PledgePatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'Changes a draft: the fields given replace the stored ones (arrays as a whole).',
  examples: [{ slogan: EXAMPLE_CONTENT.slogan }, { place: 'Thành phố Hồ Chí Minh' }]
})

export const PledgeSignature = Type.Object({
  id: ref(Uuid),
  pledgeId: ref(Uuid),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The unit\'s current name.' }),
  signerName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'Who signed for the unit.' }),
  signerPosition: Type.String({ maxLength: 300, description: 'The signer\'s position.' }),
  contentHash: ContentHash('The content hash of the version signed.'),
  signedOn: ref(CalendarDate, { description: 'The signing date in Việt Nam.' }),
  signedAt: ref(Instant),
  onBehalf: Type.Boolean({ description: 'True when the secretariat or an admin recorded the signature for the unit.' }),
  signedBy: TokenActor({ description: 'Who recorded the signature.' })
}, {
  $id: 'PledgeSignature',
  description: 'A member unit\'s signature of one version of the pledge.',
  examples: [signatureExample]
})

export const PledgeSignaturePage = withPageExample(pageOf(PledgeSignature, 'PledgeSignaturePage'), PledgeSignature)

export const NewPledgeSignature = Type.Object({
  unitId: ref(Uuid, { description: 'A member unit of the cluster on the signing date (today in Việt Nam).' }),
  signerName: Name,
  signerPosition: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'The signer\'s position, e.g. Giám đốc, Cục trưởng.' })
}, {
  $id: 'NewPledgeSignature',
  additionalProperties: false,
  description: 'The signing unit and who signs for it.',
  examples: [{ unitId: EXAMPLE_IDS.unit, ...EXAMPLE_SIGNER }]
})

export const PledgeParams = Type.Object({ pledgeId: IdParam('The id of one version of a pledge.', EXAMPLE_IDS.pledge) })

export const PledgeListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Integer(1945, 2100, { description: 'Only the versions for this calendar year.' })),
  status: Type.Optional(Type.Enum([...PLEDGE_STATUSES], { description: 'Only the versions in this state: `draft`, `open`, `in_force` or `superseded`.' }))
}, { additionalProperties: false })

/** Opening is a POST that also honours If-Match: the version opened is the one last read. */
export const OpenHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const SignatureListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const pledgeSchemas = [
  PledgeTarget, PledgeTargetInput, PledgeCommitment, PledgeCommitmentInput, RegisteredTitle, Pledge, PledgePage,
  NewPledge, PledgePatch, PledgeSignature, PledgeSignaturePage, NewPledgeSignature
]
