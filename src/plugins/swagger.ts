// The OpenAPI 3.1 contract from the route schemas (components named by $id) and the Swagger UI at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyContextConfig, FastifySchema } from 'fastify'
import { ROLES, type Role } from '../auth/tokens.js'
import { MARKS, completeDocument } from './contract-document.js'

export const API_INFO = {
  title: 'thidua — emulation clusters of the People\'s Public Security',
  description: [
    'Records of the "Vì an ninh Tổ quốc" emulation clusters, in the order a year is run: **units** and **blocks**; ' +
      '**clusters**, their members over time and each year\'s term (head, deputy); the year\'s **pledge**, drafted, ' +
      'opened and signed by every member; **conferences** (pledge signing, mid-year and annual reviews) with quorum ' +
      'and minutes; **scoring**: a scheme with per-unit targets, each unit\'s scorecard through review to a final ' +
      'ranking (JSON, CSV, XLSX); **discipline** records; **elections** by secret ballot for titles and next ' +
      'year\'s head and deputy.',
    '**Audit and feed.** `GET /v1/audit-events` says who changed what (before and after); `GET /v1/events` is the ' +
      'feed of domain events in commit order, for systems that mirror the records.',
    '**Tokens and roles.** Authorise with a bearer token (`npm run -s token -- --role admin` prints one; see the `bearerAuth` scheme). Each operation states the ' +
      'roles that may call it and any narrower scope (`x-roles`, and a "Roles:" line): a secretariat acts for its own ' +
      'cluster, a unit for itself.',
    '**ETags.** Reads of a changeable resource answer an `ETag`; send it back unchanged in `If-None-Match` (304 when ' +
      'unchanged) or `If-Match` on a change (412 when someone changed it first). The tag is not built from `version`.',
    '**Idempotency.** A POST with an `Idempotency-Key` may be retried safely: the same key and body replay the first ' +
      'answer (with `Idempotent-Replayed: true`).',
    '**Problems.** Every refusal is an RFC 9457 `application/problem+json` with a stable `code` (such as ' +
      '`unit_already_in_block_cluster`) to branch on, and the `requestId` (the `x-request-id` header) to quote.'
  ].join('\n\n'),
  version: '1.0.0'
}

// Relative, so the paths resolve against whichever deployment serves this document (and its /docs). x-internal:
// the service is for the Ministry's own systems, not the public.
const SERVER = {
  url: '/',
  description: 'The deployment serving this document: local, staging or production alike.',
  'x-internal': true
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Its 2xx answers carry an ETag (a GET that documents a 304 says so by that already). */
    etag?: true
    /** Its 201 carries a Location naming what it created. */
    location?: true
    /**
     * Where a role's scope is narrower than the role, in words, e.g. `{ secretariat: 'own cluster only' }`: stated
     * in the operation's description and its `x-role-scope`; the use case (src/services, auth/access.ts) enforces it.
     */
    scope?: Partial<Record<Role, string>>
  }
}

/** The roles that may call a route: its `config.roles`, every role when absent (plugins/auth.ts); none when public. */
export function rolesOf (config: FastifyContextConfig | undefined): readonly Role[] | undefined {
  if (config?.public === true) return undefined
  return config?.roles ?? ROLES
}

/** "Roles: admin, secretariat (own cluster only)." from the route's configuration. */
function rolesLine (config: FastifyContextConfig | undefined): string {
  const roles = rolesOf(config)
  if (!roles) return 'Public: no token needed.'
  return `Roles: ${roles.map((role) => config?.scope?.[role] ? `${role} (${config.scope[role]})` : role).join(', ')}.`
}

/**
 * The route's schema as the contract shows it: who may call it (description line and `x-roles`), and the marks
 * contract-document.ts turns into documented headers (ETag, Location, the rate limit). Copies, never the route's own
 * objects: those also drive validation and the response serializer.
 */
function documented (schema: FastifySchema, config: FastifyContextConfig | undefined): FastifySchema {
  const roles = rolesOf(config)
  const description = [(schema as { description?: string }).description, rolesLine(config)].filter(Boolean).join('\n\n')
  return {
    ...schema,
    description,
    ...(roles ? { 'x-roles': [...roles] } : {}),
    ...(config?.scope ? { 'x-role-scope': { ...config.scope } } : {}),
    ...(config?.etag ? { [MARKS.etag]: true } : {}),
    ...(config?.location ? { [MARKS.location]: true } : {}),
    // @fastify/rate-limit (plugins/rate-limit.ts) answers every route but the public ones with its headers.
    ...(roles ? { [MARKS.limited]: true } : {})
  } as FastifySchema
}

/** The contract's servers: PUBLIC_URL when the deployment has one, else relative to whoever serves the document. */
export function serversFor (publicUrl: string | undefined) {
  return publicUrl ? [{ url: publicUrl, description: 'This deployment (PUBLIC_URL).', 'x-internal': true }] : [SERVER]
}

export const TAGS = [
  { name: 'units', description: 'Units (đơn vị) such as "Công an tỉnh Lào Cai": create them first; every cluster, pledge and score names them.' },
  { name: 'blocks', description: 'Emulation blocks (khối thi đua) such as "Khối các đơn vị Công an địa phương", which group clusters.' },
  { name: 'clusters', description: 'Emulation clusters (cụm thi đua) of a block, their rules, their members over time and each year\'s term (head, deputy, flag).' },
  { name: 'pledges', description: 'The year\'s emulation pledge (giao ước thi đua): drafted, opened, signed by every member, in force; new versions; the PDF.' },
  { name: 'cluster documents', description: 'The cluster\'s own documents: operating regulations (quy chế hoạt động), action programme (chương trình hành động) and scoring rules note, in chapters, articles and clauses; drafted, adopted at a conference under a content hash, superseded by the next; PDF and DOCX.' },
  { name: 'conferences', description: 'Conferences (hội nghị): pledge signing, mid-year and annual reviews, attendance and quorum, finalised minutes as PDF.' },
  { name: 'scoring', description: 'Scoring schemes (quy định chấm điểm) and per-unit targets; scorecards drafted, submitted, reviewed, explained and finalised; the ranking as JSON, CSV or XLSX.' },
  { name: 'files', description: 'Evidence files (minh chứng): PDF, PNG, JPEG, DOCX and XLSX stored by the service, cited by scorecard entries.' },
  { name: 'discipline', description: 'Discipline records (kỷ luật) of units, which bar titles for their period.' },
  { name: 'elections', description: 'Secret ballots (bỏ phiếu): titles (suy tôn), next year\'s head and deputy (bầu Cụm trưởng, Cụm phó), title proposals; receipts a voter can check.' },
  { name: 'campaigns', description: 'Emulation campaigns (phong trào, đợt thi đua): launched with a slogan, targets and a scope (blocks, clusters, units or the whole ministry); who takes part and their results.' },
  { name: 'awards', description: 'From the cluster to the Ministry: the title catalogue (danh hiệu, with standards, quotas and their legal basis), award dossiers (hồ sơ đề nghị khen thưởng), the Ministry\'s review, award decisions (quyết định khen thưởng) and the awards they confer.' },
  { name: 'audit', description: 'Who changed what, when, with the record before and after.' },
  { name: 'events', description: 'The domain event feed, in commit order: follow it with `after` to mirror the records.' },
  { name: 'webhooks', description: 'Webhook subscriptions: the feed\'s events POSTed to a URL in order, signed per Standard Webhooks, retried for a day and more; the delivery log, manual retries and replays.' },
  { name: 'health', description: 'Liveness and readiness probes (no token).' }
]

export default fp<{ publicUrl?: string }>(async (app, { publicUrl }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      tags: TAGS,
      servers: serversFor(publicUrl),
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: '**Where a token comes from.** On the machine running the service: ' +
              '`TOKEN=$(npm run -s token -- --role admin)` (or `--role secretariat --cluster-id …`, `--role unit ' +
              '--unit-id …`, `--role reader`, `--role ministry`); the embedded service also prints an admin token in its ' +
              'start banner. Where `AUTH_JWKS_URL` is set, sign in with the organisation\'s identity provider and use the ' +
              'access token it gives. Paste the token alone, without `Bearer `.\n\n' +
              'A JWT (RFC 7519), checked as RFC8725 advises: either HS256 from `npm run token` (signed with ' +
              'the service\'s shared secret), or RS256/ES256 from the organisation\'s OpenID Connect provider when one is ' +
              'configured (its keys from AUTH_JWKS_URL or AUTH_PUBLIC_KEY). Only the configured algorithms are accepted, ' +
              'each with its own key only (`none` is always refused, and HS256 is never checked with the provider\'s key); ' +
              'the signature is verified, so are `exp` (required) and `nbf`, and `iss` and `aud` when configured. A shared-' +
              'secret token names its role, `unitId` and `clusterId` in those claims; a provider\'s token is mapped by ' +
              'configuration (the claim or path holding its roles, such as `realm_access.roles`, a map of its role names to ' +
              'ours, and the claims holding the unit and the cluster). Either way the claims must give a known role with the ' +
              'scope it needs (401 `invalid_token` otherwise). When the provider\'s keys cannot be fetched to check a token, ' +
              'the answer is 503 `identity_provider_unavailable` with `Retry-After`.'
          }
        }
      },
      security: [{ bearerAuth: [] }]
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema-${i}`) },
    // Who may call each operation and which headers it sends, from the route's configuration; then the headers
    // on every answer and the shared components, over the whole document (contract-document.ts).
    transform: ({ schema, url, route }) => ({ schema: schema ? documented(schema, route.config) : schema, url }),
    transformObject: (document) => completeDocument((document as { openapiObject: Record<string, any> }).openapiObject, TAGS.map((tag) => tag.name))
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, deepLinking: true }
  })
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
}, { name: 'swagger' })
