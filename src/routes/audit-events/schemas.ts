import { Type } from 'typebox'
import { Instant, pageOf, PageQuery, ref, RequestId, TokenActor } from '../../http/shared-schemas.js'
import { JsonObjectOrNull } from '../../http/common-schemas.js'
import { EVENT_TYPE_NAMES, EVENT_TYPES, type EventType } from '../../domain/event-types.js'
import { EVENT_CATALOGUE, eventUnion, schemaStem } from '../../http/event-catalogue.js'
import { auditEventPageExample } from './examples.js'
import type { AuditRecord } from '../../services/audit.js'

export const AuditActor = Type.Object(TokenActor().properties, {
  $id: 'AuditActor',
  description: 'Who made the change: the subject and role of its token.'
})

/** What every audit record has, whatever its action. */
export const AuditEventBase = Type.Object({
  id: Type.String({ maxLength: 20, pattern: '^[0-9]+$', description: 'Increases with every record; a decimal string.' }),
  occurredAt: ref(Instant),
  actor: ref(AuditActor),
  resourceId: Type.String({ maxLength: 200, description: 'The resource\'s id (`<clusterId>/<year>` for a term).' }),
  requestId: RequestId({ description: 'The x-request-id of the request that made the change.' })
}, { $id: 'AuditEventBase', description: 'The fields every audit record has; `action`, `resourceType`, `before` and `after` come with its action.' })

/** The audit record of one action: the shared fields, `action` and `resourceType` fixed, `before` and `after` typed. */
const auditEventOf = (action: EventType) => Type.Intersect([ref(AuditEventBase), Type.Object({
  action: Type.Literal(action),
  resourceType: Type.Literal(EVENT_TYPES[action]),
  before: EVENT_CATALOGUE[action].before,
  after: EVENT_CATALOGUE[action].after
})], { $id: `${schemaStem(action)}AuditEvent`, description: `\`${action}\`: ${EVENT_CATALOGUE[action].summary}` })

export const auditEventOfAction = EVENT_TYPE_NAMES.map(auditEventOf)

/** The contract types the record per `action`: a oneOf with a discriminator. */
export const AuditEvent = Type.Unsafe<AuditRecord>({
  $id: 'AuditEvent',
  description: 'One change: who made it, when, from which request, and the resource before (null when it did not ' +
    'exist) and after. `action` says which change, and its schema types `before` and `after`.',
  ...eventUnion('action', EVENT_TYPE_NAMES.map((action, i) => [action, auditEventOfAction[i]]))
})

export const AuditEventPage = Object.assign(pageOf(AuditEvent, 'AuditEventPage'), { examples: [auditEventPageExample] })

const Filter = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }))

export const AuditEventListQuery = Type.Object({
  ...PageQuery.properties,
  resourceType: Filter('Only changes to this kind of resource, e.g. `unit`.'),
  resourceId: Filter('Only changes to this resource.'),
  actorSub: Filter('Only changes made by this token subject.'),
  action: Type.Optional(Type.Enum(EVENT_TYPE_NAMES, { description: 'Only this action, e.g. `unit.created`.' })),
  requestId: Filter('Only changes made by this request.'),
  // Inline rather than a $ref to Instant: a query parameter's description is lost on a $ref.
  from: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Changes at or after this instant (RFC 3339).' })),
  to: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Changes before this instant (RFC 3339).' }))
}, { additionalProperties: false })

export const auditEventSchemas = [JsonObjectOrNull, AuditActor, AuditEventBase, ...auditEventOfAction, AuditEvent, AuditEventPage]
