import { Type } from 'typebox'
import { Instant, pageOf, PageQuery, ref, RequestId, TokenActor } from '../../http/shared-schemas.js'
import { JsonObjectOrNull } from '../../http/common-schemas.js'

export const AuditEvent = Type.Object({
  id: Type.String({ maxLength: 20, pattern: '^[0-9]+$', description: 'Increases with every record; a decimal string.', examples: ['42'] }),
  occurredAt: ref(Instant),
  actor: TokenActor(),
  action: Type.String({ maxLength: 200, examples: ['unit.updated'] }),
  resourceType: Type.String({ maxLength: 200, examples: ['unit'] }),
  resourceId: Type.String({ maxLength: 200 }),
  before: ref(JsonObjectOrNull, { description: 'The resource before the change; null when it did not exist.' }),
  after: ref(JsonObjectOrNull, { description: 'The resource after the change; null when it was removed.' }),
  requestId: RequestId({ description: 'The x-request-id of the request that made the change.' })
}, { $id: 'AuditEvent', description: 'One change: who made it, when, from which request, and the resource before and after.' })

export const AuditEventPage = pageOf(AuditEvent, 'AuditEventPage')

const Filter = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }))

export const AuditEventListQuery = Type.Object({
  ...PageQuery.properties,
  resourceType: Filter('Only changes to this kind of resource, e.g. `unit`.'),
  resourceId: Filter('Only changes to this resource.'),
  actorSub: Filter('Only changes made by this token subject.'),
  action: Filter('Only this action, e.g. `unit.created`.'),
  requestId: Filter('Only changes made by this request.'),
  // Inline rather than a $ref to Instant: a query parameter's description is lost on a $ref.
  from: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Changes at or after this instant (RFC 3339).' })),
  to: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Changes before this instant (RFC 3339).' }))
}, { additionalProperties: false })

export const auditEventSchemas = [JsonObjectOrNull, AuditEvent, AuditEventPage]
