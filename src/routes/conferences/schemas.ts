import { Type } from 'typebox'
import { CONFERENCE_KINDS, CONFERENCE_STATUSES } from '../../domain/conference.js'
import { CalendarDate, IdempotencyHeaders, IfMatchHeaders, Instant, Integer, pageOf, PageQuery, ref, Uuid, versionOf } from '../../http/shared-schemas.js'
import { IdParam } from '../../http/common-schemas.js'
import { DateParam, EXAMPLE_IDS, EXAMPLE_YEAR, withPageExample } from '../../http/examples.js'
import { DEFAULT_RULES } from '../../domain/cluster-rules.js'
import { EXAMPLE_NEW_CONFERENCE } from './examples.js'
import {
  AwardTally, ConferenceChair, ConferenceChairInput, ConferenceFlagHandover, ConferenceGuest, ConferenceGuestInput, ConferenceLinks,
  ConferenceLinksInput, ConferenceQuorum, ConferenceSecretary, ConferenceSecretaryInput, Line, nullable, Text
} from './parts.js'

const KINDS_TEXT = '`pledge_signing` (hội nghị ký giao ước), `mid_year_review` (sơ kết 6 tháng), `annual_review` (tổng kết năm), `other`.'
const Kind = Type.Enum([...CONFERENCE_KINDS], { description: KINDS_TEXT })
const Year = Integer(1945, 2100, {
  description: 'The emulation year the conference concerns: the year of heldAt in Việt Nam, or the year before or after it.',
  examples: [2024]
})
const HeldAt = ref(Instant, { description: 'When the conference was held. Its date in Việt Nam (UTC+7) is the date members are counted on.' })

const texts = {
  title: Line(500),
  location: Line(300),
  // A province or city's name ("Thành phố Hồ Chí Minh" is the longest, 21 characters), with room for a district's.
  place: Line(100, { examples: ['Thành phố Hồ Chí Minh'] }),
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

export const Conference = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  kind: Kind,
  title: Type.String({ maxLength: 500 }),
  year: Integer(1945, 2100, { description: 'The emulation year the conference concerns.' }),
  heldAt: ref(Instant),
  heldOn: ref(CalendarDate, { description: 'The date of heldAt in Việt Nam: members are counted on it.' }),
  location: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  place: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
    description: 'The place written before the date in the minutes (địa danh, Decree 30/2020), e.g. Thành phố Hồ Chí Minh. Unless given, the last comma-separated part of `location` (a leading "tỉnh" dropped, "TP." spelled out), and it follows the location while it is that; null when neither is known (the minutes then print the issuing body\'s seat: the province of a provincial police, else Hà Nội).'
  }),
  chair: ref(ConferenceChair),
  secretary: Type.Union([ref(ConferenceSecretary), Type.Null()], { description: 'Who kept the minutes; null when not recorded.' }),
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
    place: 'Lào Cai',
    guests: [],
    minutes: null,
    decisions: [],
    awardTally: null,
    links: { pledgeId: EXAMPLE_IDS.pledge, electionIds: [], flagHandover: null, advisoryGroupYear: null },
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
  place: Type.Optional(nullable(texts.place, 'The place written before the date in the minutes (địa danh, Decree 30/2020), e.g. Thành phố Hồ Chí Minh. Left out or null: the last comma-separated part of `location`.')),
  chair: ref(ConferenceChairInput),
  secretary: Type.Optional(nullable(ref(ConferenceSecretaryInput), 'Who keeps the minutes (thư ký).')),
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
  place: Type.Optional(nullable(texts.place, 'The place written before the date; null: the one `location` implies. Left out, a place that follows the location keeps following it.')),
  chair: Type.Optional(ref(ConferenceChairInput)),
  secretary: Type.Optional(nullable(ref(ConferenceSecretaryInput), 'null removes it.')),
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
  examples: [
    { decisions: [`Thông qua báo cáo sơ kết phong trào thi đua 6 tháng đầu năm ${EXAMPLE_YEAR}`] },
    // The conference moved to the southern city: its address, and the place the minutes print before the date.
    { location: 'Hội trường Công an Thành phố Hồ Chí Minh, 268 Trần Hưng Đạo, Quận 1, Thành phố Hồ Chí Minh', place: 'Thành phố Hồ Chí Minh' }
  ]
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
  ConferenceChair, ConferenceChairInput, ConferenceSecretary, ConferenceSecretaryInput, ConferenceGuest, ConferenceGuestInput, AwardTally, ConferenceFlagHandover,
  ConferenceLinks, ConferenceLinksInput, ConferenceQuorum, Conference, ConferencePage, NewConference, ConferencePatch
]
