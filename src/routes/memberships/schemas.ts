import { Type } from 'typebox'
import { CalendarDate, Instant, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'

export const Membership = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  blockId: ref(Uuid, { description: 'The cluster\'s block: a unit is in at most one cluster of a block on any date.' }),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH, examples: ['Cục Y tế'] }),
  unitCode: Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { examples: ['H06'] }),
  from: ref(CalendarDate, { description: 'The first day of membership.' }),
  until: Type.Union([ref(CalendarDate), Type.Null()], {
    description: 'The first day the unit is no longer a member (the period is [from, until)); null while open.'
  }),
  version: Version,
  createdAt: ref(Instant),
  endedAt: Type.Union([ref(Instant), Type.Null()], { description: 'When the end was recorded.' })
}, { $id: 'Membership', description: 'A unit\'s membership of a cluster over a period. Ended memberships are kept.' })

export const MembershipPage = pageOf(Membership, 'MembershipPage')

export const NewMembership = Type.Object({
  unitId: ref(Uuid),
  from: ref(CalendarDate, { description: 'The first day of membership; not before the cluster was founded.' })
}, { $id: 'NewMembership', additionalProperties: false })

export const MembershipEnd = Type.Object({
  on: ref(CalendarDate, { description: 'The first day the unit is no longer a member; after the membership\'s start.' })
}, { $id: 'MembershipEnd', additionalProperties: false })

export const MemberParams = Type.Object({ clusterId: ref(Uuid), unitId: ref(Uuid) })

export const MemberListQuery = Type.Object({
  ...PageQuery.properties,
  on: Type.Optional(ref(CalendarDate, { description: 'The date to list members on; today in Việt Nam by default.' }))
}, { additionalProperties: false })

export const UnitMembershipQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const membershipSchemas = [Membership, MembershipPage, NewMembership, MembershipEnd]
