import { Type } from 'typebox'
import { IdParam } from '../../http/common-schemas.js'
import { DateParam, EXAMPLE_CREATED_AT, EXAMPLE_IDS, EXAMPLE_UNIT, withPageExample } from '../../http/examples.js'
import { CalendarDate, Instant, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'

export const Membership = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  blockId: ref(Uuid, { description: 'The cluster\'s block: a unit is in at most one cluster of a block on any date.' }),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The unit\'s current name.' }),
  unitCode: Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: 'The unit\'s current code.' }),
  from: ref(CalendarDate, { description: 'The first day of membership.' }),
  until: Type.Union([ref(CalendarDate), Type.Null()], {
    description: 'The first day the unit is no longer a member (the period is [from, until)); null while open.'
  }),
  version: Version,
  createdAt: ref(Instant),
  endedAt: Type.Union([ref(Instant), Type.Null()], { description: 'When the end was recorded.' })
}, {
  $id: 'Membership',
  description: 'A unit\'s membership of a cluster over a period. Ended memberships are kept.',
  examples: [{
    id: EXAMPLE_IDS.membership,
    clusterId: EXAMPLE_IDS.cluster,
    blockId: EXAMPLE_IDS.block,
    unitId: EXAMPLE_IDS.unit,
    unitName: EXAMPLE_UNIT.name,
    unitCode: EXAMPLE_UNIT.code,
    from: '2024-01-01',
    until: null,
    version: 1,
    createdAt: EXAMPLE_CREATED_AT,
    endedAt: null
  }]
})

export const MembershipPage = withPageExample(pageOf(Membership, 'MembershipPage'), Membership)

export const NewMembership = Type.Object({
  unitId: ref(Uuid),
  from: ref(CalendarDate, { description: 'The first day of membership; not before the cluster was founded.' })
}, {
  $id: 'NewMembership',
  additionalProperties: false,
  description: 'The unit (an existing one) and the first day it is a member (YYYY-MM-DD).',
  examples: [{ unitId: EXAMPLE_IDS.unit, from: '2024-01-01' }]
})

export const MembershipEnd = Type.Object({
  on: ref(CalendarDate, { description: 'The first day the unit is no longer a member; after the membership\'s start.' })
}, {
  $id: 'MembershipEnd',
  additionalProperties: false,
  description: 'The first day the unit is no longer a member (YYYY-MM-DD).',
  examples: [{ on: '2025-01-01' }]
})

export const MemberParams = Type.Object({
  clusterId: IdParam('The cluster\'s id.', EXAMPLE_IDS.cluster),
  unitId: IdParam('The member unit\'s id.', EXAMPLE_IDS.unit)
})

export const MemberListQuery = Type.Object({
  ...PageQuery.properties,
  on: Type.Optional(DateParam('Lists the units that are members on this day: their membership started on or before it ' +
    '(`from` ≤ on) and had not ended by it (`until` is null or after it, `until` being the first day out). Today in ' +
    'Việt Nam (Asia/Ho_Chi_Minh) when left out.'))
}, { additionalProperties: false })

export const UnitMembershipQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const membershipSchemas = [Membership, MembershipPage, NewMembership, MembershipEnd]
