import { Type, type TSchema } from 'typebox'
import { CONFERENCE_KINDS, CONFERENCE_STATUSES } from '../../domain/conference.js'
import { CalendarDate, IdempotencyHeaders, IfMatchHeaders, Instant, Integer, INT32_MAX, pageOf, PageQuery, ref, Uuid, versionOf } from '../../http/shared-schemas.js'
import { IdParam, Threshold } from '../../http/common-schemas.js'
import { DateParam, EXAMPLE_IDS, EXAMPLE_YEAR, withPageExample } from '../../http/examples.js'
import { DEFAULT_RULES } from '../../domain/cluster-rules.js'

/** One line of visible text: stored NFC, trimmed, with single spaces. */
const Line = (maxLength: number, options: { description?: string, examples?: string[] } = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...options })
/** Text that may span lines: the same shape, but stored NFC and trimmed with its lines kept. */
const Text = Line
const nullable = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description })

const KINDS_TEXT = '`pledge_signing` (hội nghị ký giao ước), `mid_year_review` (sơ kết 6 tháng), `annual_review` (tổng kết năm), `other`.'
const Kind = Type.Enum([...CONFERENCE_KINDS], { description: KINDS_TEXT })
const Year = Integer(1945, 2100, {
  description: 'The emulation year the conference concerns: the year of heldAt in Việt Nam, or the year before or after it.',
  examples: [2024]
})
const HeldAt = ref(Instant, { description: 'When the conference was held. Its date in Việt Nam (UTC+7) is the date members are counted on.' })

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

export const ConferenceLinks = Type.Object({
  pledgeId: Type.Union([ref(Uuid), Type.Null()], { description: 'The pledge signed or reviewed at the conference.' }),
  electionIds: Type.Array(ref(Uuid), { maxItems: 50, description: 'Ballots held at the conference.' }),
  flagHandover: Type.Union([ref(ConferenceFlagHandover), Type.Null()])
}, { $id: 'ConferenceLinks', description: 'Records the conference relates to. A pledge must be one of the cluster\'s; election ids are stored as given.' })

export const ConferenceLinksInput = Type.Object({
  pledgeId: Type.Optional(nullable(ref(Uuid), 'The pledge signed or reviewed at the conference: one of this cluster\'s pledges (422 otherwise).')),
  electionIds: Type.Optional(Type.Array(ref(Uuid), { uniqueItems: true, maxItems: 50, description: 'Ballots held at the conference (stored as given).' })),
  flagHandover: Type.Optional(nullable(ref(ConferenceFlagHandover), 'The rotating flag handed over at the conference.'))
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

const texts = {
  title: Line(500),
  location: Line(300),
  minutes: Text(200_000, { description: 'The minutes (biên bản).' }),
  agenda: Type.Array(Text(2000), { maxItems: 100, description: 'The agenda items, in order.' }),
  decisions: Type.Array(Text(5000), { maxItems: 200, description: 'What the conference decided, in order.' }),
  attendingUnitIds: Type.Array(ref(Uuid), {
    uniqueItems: true,
    maxItems: 500,
    description: 'Units present by their delegates; each must be a member of the cluster on the conference date.'
  }),
  guests: Type.Array(ref(ConferenceGuestInput), { maxItems: 200 })
}

// The example cluster's mid-year review of 2024, held on the afternoon of 30 July (as Cụm thi đua số 6 held
// its own, in the seeds), chaired by the head unit, Lào Cai, with Yên Bái attending: both members present.
const EXAMPLE_NEW_CONFERENCE = {
  kind: 'mid_year_review',
  title: `Hội nghị sơ kết phong trào thi đua "Vì an ninh Tổ quốc" 6 tháng đầu năm ${EXAMPLE_YEAR}`,
  year: EXAMPLE_YEAR,
  heldAt: '2024-07-30T07:00:00.000Z',
  location: 'Lào Cai',
  chair: { name: 'Hoàng Văn Thắng', rank: 'Đại tá', position: 'Giám đốc Công an tỉnh Lào Cai', unitId: EXAMPLE_IDS.unit },
  attendingUnitIds: [EXAMPLE_IDS.otherUnit],
  agenda: [`Báo cáo sơ kết phong trào thi đua 6 tháng đầu năm ${EXAMPLE_YEAR}`, 'Phương hướng, nhiệm vụ 6 tháng cuối năm']
}

export const Conference = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  kind: Kind,
  title: Type.String({ maxLength: 500 }),
  year: Integer(1945, 2100, { description: 'The emulation year the conference concerns.' }),
  heldAt: ref(Instant),
  heldOn: ref(CalendarDate, { description: 'The date of heldAt in Việt Nam: members are counted on it.' }),
  location: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  chair: ref(ConferenceChair),
  attendingUnitIds: Type.Array(ref(Uuid), { maxItems: 500 }),
  guests: Type.Array(ref(ConferenceGuest), { maxItems: 200 }),
  agenda: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 100 }),
  minutes: Type.Union([Type.String({ maxLength: 200_000 }), Type.Null()]),
  decisions: Type.Array(Type.String({ maxLength: 5000 }), { maxItems: 200 }),
  awardTally: Type.Union([ref(AwardTally), Type.Null()]),
  links: ref(ConferenceLinks),
  status: Type.Enum([...CONFERENCE_STATUSES], { description: '`draft`, then `finalized` (locked).' }),
  quorum: ref(ConferenceQuorum),
  finalizedAt: Type.Union([ref(Instant), Type.Null()]),
  version: versionOf('Increases with every change of the conference. Its ETag also changes when the quorum it ' +
    'derives from the members on its date does, so it is not "v<version>".'),
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Conference',
  description: 'A conference of a cluster (hội nghị) and its record.',
  examples: [{
    id: EXAMPLE_IDS.conference,
    clusterId: EXAMPLE_IDS.cluster,
    ...EXAMPLE_NEW_CONFERENCE,
    heldOn: '2024-07-30',
    guests: [],
    minutes: null,
    decisions: [],
    awardTally: null,
    links: { pledgeId: EXAMPLE_IDS.pledge, electionIds: [], flagHandover: null },
    status: 'draft',
    quorum: { required: DEFAULT_RULES.quorum, members: 2, attending: 2, met: true },
    finalizedAt: null,
    version: 1,
    createdAt: '2024-07-30T09:30:00.000Z',
    updatedAt: '2024-07-30T09:30:00.000Z'
  }]
})

export const ConferencePage = withPageExample(pageOf(Conference, 'ConferencePage'), Conference)

export const NewConference = Type.Object({
  kind: Kind,
  title: texts.title,
  year: Year,
  heldAt: HeldAt,
  location: Type.Optional(nullable(texts.location, 'Where it was held.')),
  chair: ref(ConferenceChairInput),
  attendingUnitIds: Type.Optional(texts.attendingUnitIds),
  guests: Type.Optional(texts.guests),
  agenda: Type.Optional(texts.agenda),
  minutes: Type.Optional(nullable(texts.minutes, 'The minutes (biên bản).')),
  decisions: Type.Optional(texts.decisions),
  awardTally: Type.Optional(nullable(ref(AwardTally), 'Awards reported at the conference.')),
  links: Type.Optional(ref(ConferenceLinksInput))
}, {
  $id: 'NewConference',
  additionalProperties: false,
  description: 'A conference record, created as a draft. Lists not given are empty.',
  examples: [{ ...EXAMPLE_NEW_CONFERENCE, links: { pledgeId: EXAMPLE_IDS.pledge } }]
})

export const ConferencePatch = Type.Object({
  kind: Type.Optional(Kind),
  title: Type.Optional(texts.title),
  year: Type.Optional(Year),
  heldAt: Type.Optional(HeldAt),
  location: Type.Optional(nullable(texts.location, 'null removes it.')),
  chair: Type.Optional(ref(ConferenceChairInput)),
  attendingUnitIds: Type.Optional(texts.attendingUnitIds),
  guests: Type.Optional(texts.guests),
  agenda: Type.Optional(texts.agenda),
  minutes: Type.Optional(nullable(texts.minutes, 'null removes them.')),
  decisions: Type.Optional(texts.decisions),
  awardTally: Type.Optional(nullable(ref(AwardTally), 'null removes it.')),
  links: Type.Optional(ref(ConferenceLinksInput))
}, {
  $id: 'ConferencePatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change on a draft; a field given replaces it whole (lists and links included). ' +
    'Attending units are checked again against the members on the (new) date.',
  examples: [{ decisions: [`Thông qua báo cáo sơ kết phong trào thi đua 6 tháng đầu năm ${EXAMPLE_YEAR}`] }]
})

export const ConferenceParams = Type.Object({ conferenceId: IdParam('The conference\'s id.', EXAMPLE_IDS.conference) })

export const FinalizeHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const ConferenceListQuery = Type.Object({
  ...PageQuery.properties,
  kind: Type.Optional(Type.Enum([...CONFERENCE_KINDS], { description: `Only the conferences of this kind: ${KINDS_TEXT}` })),
  from: Type.Optional(DateParam('Only the conferences held on or after this day (inclusive), compared with `heldOn`, ' +
    'the date of `heldAt` in Việt Nam (UTC+7).')),
  to: Type.Optional(DateParam('Only the conferences held on or before this day (inclusive), compared with `heldOn`. ' +
    'A `from` after `to` is 400 `invalid_range`.'))
}, { additionalProperties: false })

export const conferenceSchemas = [
  ConferenceChair, ConferenceChairInput, ConferenceGuest, ConferenceGuestInput, AwardTally, ConferenceFlagHandover,
  ConferenceLinks, ConferenceLinksInput, ConferenceQuorum, Conference, ConferencePage, NewConference, ConferencePatch
]
