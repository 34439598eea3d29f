// The parts of a conference record: who chaired it, its guests, the awards it reported, the records it links to and
// its quorum; with the text shapes every conference field uses.
import { Type, type TSchema } from 'typebox'
import { Integer, INT32_MAX, ref, Uuid } from '../../http/shared-schemas.js'
import { Threshold } from '../../http/common-schemas.js'

/** One line of visible text: stored NFC, trimmed, with single spaces. */
export const Line = (maxLength: number, options: { description?: string, examples?: string[] } = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...options })
/** Text that may span lines: the same shape, but stored NFC and trimmed with its lines kept. */
export const Text = Line
export const nullable = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description })

export const ConferenceChair = Type.Object({
  name: Type.String({ maxLength: 200 }),
  rank: Type.String({ maxLength: 100, description: 'The chair\'s rank (cấp bậc), e.g. Đại tá, Trung tướng.' }),
  position: Type.String({ maxLength: 300, description: 'The chair\'s position (chức vụ).' }),
  unitId: Type.Union([ref(Uuid), Type.Null()], { description: 'The chair\'s unit; null when not recorded.' })
}, { $id: 'ConferenceChair', description: 'Who chaired the conference (chủ trì).' })

export const ConferenceChairInput = Type.Object({
  name: Line(200),
  rank: Line(100, { description: 'The chair\'s rank (cấp bậc), e.g. Đại tá, Trung tướng.' }),
  position: Line(300, { description: 'The chair\'s position (chức vụ).' }),
  unitId: Type.Optional(nullable(ref(Uuid), 'The chair\'s unit (it must exist). When it is a member of the cluster on the ' +
    'conference date it counts as present for the quorum; it may also be a unit outside the cluster.'))
}, { $id: 'ConferenceChairInput', additionalProperties: false, description: 'Who chairs the conference (chủ trì).' })

export const ConferenceSecretary = Type.Object({
  name: Type.String({ maxLength: 200 }),
  rank: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  position: Type.String({ maxLength: 300 })
}, { $id: 'ConferenceSecretary', description: 'Who kept the minutes (thư ký hội nghị); signs them beside the chair.' })

export const ConferenceSecretaryInput = Type.Object({
  name: Line(200, { examples: ['Nguyễn Thị Lan'] }),
  rank: Type.Optional(nullable(Line(100, { examples: ['Đại úy'] }), 'The secretary\'s rank (cấp bậc).')),
  position: Line(300, { description: 'The secretary\'s position (chức vụ).', examples: ['Phó Trưởng phòng Tham mưu'] })
}, {
  $id: 'ConferenceSecretaryInput',
  additionalProperties: false,
  description: 'Who keeps the minutes (thư ký hội nghị).',
  examples: [{ name: 'Nguyễn Thị Lan', rank: 'Đại úy', position: 'Phó Trưởng phòng Tham mưu' }]
})

export const ConferenceGuest = Type.Object({
  name: Type.String({ maxLength: 200 }),
  rank: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  position: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  organisation: Type.Union([Type.String({ maxLength: 300 }), Type.Null()])
}, { $id: 'ConferenceGuest', description: 'A guest (đại biểu) who is not a member unit\'s delegate.' })

export const ConferenceGuestInput = Type.Object({
  name: Line(200, { examples: ['Đinh Văn Toản'] }),
  rank: Type.Optional(nullable(Line(100, { examples: ['Thiếu tướng'] }), 'The guest\'s rank.')),
  position: Type.Optional(nullable(Line(300, { examples: ['Phó Giám đốc'] }), 'The guest\'s position.')),
  organisation: Type.Optional(nullable(Line(300, { examples: ['Công an thành phố Hà Nội'] }), 'The guest\'s organisation.'))
}, { $id: 'ConferenceGuestInput', additionalProperties: false, description: 'A guest of the conference.' })

export const AwardTally = Type.Object({
  collectives: Integer(0, 1_000_000, { description: 'Collectives awarded (tập thể).', examples: [120] }),
  individuals: Integer(0, 1_000_000, { description: 'Individuals awarded (cá nhân).', examples: [357] })
}, { $id: 'AwardTally', additionalProperties: false, description: 'Awards reported at the conference (khen thưởng).' })

export const ConferenceFlagHandover = Type.Object({
  fromUnitId: ref(Uuid, { description: 'The outgoing head unit, which hands the rotating flag over.' }),
  toUnitId: ref(Uuid, { description: 'The new head unit.' }),
  year: Integer(1945, 2100, { description: 'The term year the new head unit holds the flag for.', examples: [2017] })
}, { $id: 'ConferenceFlagHandover', additionalProperties: false, description: 'The rotating flag (cờ luân lưu) handed over at the conference.' })

/** The year of an advisory group, as PUT /v1/clusters/{clusterId}/advisory-groups/{year} takes it. */
const AdvisoryGroupYear = Integer(1945, 2100, { examples: [2022] })

export const ConferenceLinks = Type.Object({
  pledgeId: Type.Union([ref(Uuid), Type.Null()], { description: 'The pledge signed or reviewed at the conference.' }),
  electionIds: Type.Array(ref(Uuid), { maxItems: 50, description: 'Ballots held at the conference.' }),
  flagHandover: Type.Union([ref(ConferenceFlagHandover), Type.Null()]),
  advisoryGroupYear: Type.Union([AdvisoryGroupYear, Type.Null()], {
    description: 'The year of the cluster\'s advisory group (Tổ tư vấn) whose founding decision was announced at the conference.'
  })
}, { $id: 'ConferenceLinks', description: 'Records the conference relates to. A pledge must be one of the cluster\'s; election ids are stored as given.' })

export const ConferenceLinksInput = Type.Object({
  pledgeId: Type.Optional(nullable(ref(Uuid), 'The pledge signed or reviewed at the conference: one of this cluster\'s pledges (422 otherwise).')),
  electionIds: Type.Optional(Type.Array(ref(Uuid), { uniqueItems: true, maxItems: 50, description: 'Ballots held at the conference (stored as given).' })),
  flagHandover: Type.Optional(nullable(ref(ConferenceFlagHandover), 'The rotating flag handed over at the conference.')),
  advisoryGroupYear: Type.Optional(nullable(AdvisoryGroupYear, 'The year of the advisory group (Tổ tư vấn) whose founding decision was ' +
    'announced at the conference: the cluster must have founded one for that year (422 otherwise). The minutes name the decision.'))
}, { $id: 'ConferenceLinksInput', additionalProperties: false, description: 'Related records; a link not given is empty.' })

export const ConferenceQuorum = Type.Object({
  required: ref(Threshold, { description: 'The cluster\'s quorum rule (rules.quorum).' }),
  members: Integer(0, INT32_MAX, { description: 'Member units of the cluster on the conference date.' }),
  attending: Integer(0, INT32_MAX, { description: 'Member units present: the attending units and the chair\'s unit.' }),
  met: Type.Boolean()
}, {
  $id: 'ConferenceQuorum',
  description: 'Computed: while a draft, from the members on the conference date and the cluster\'s current rule; ' +
    'frozen when the record is finalized.'
})
