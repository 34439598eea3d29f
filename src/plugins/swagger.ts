// The OpenAPI 3.1 contract from the route schemas (components named by $id) and the Swagger UI at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifySchema } from 'fastify'

export const API_INFO = {
  title: 'thidua — emulation clusters of the People\'s Public Security',
  description: 'Records of the "Vì an ninh Tổ quốc" emulation clusters: units, blocks, clusters and their ' +
    'members over time, terms, and the audit trail and event feed. Authorise with a bearer token ' +
    '(`npm run token -- --role admin`).',
  version: '1.0.0'
}

// Relative, so the paths resolve against whichever deployment serves this document (and its /docs). x-internal:
// the service is for the Ministry's own systems, not the public.
const SERVER = {
  url: '/',
  description: 'The deployment serving this document: local, staging or production alike.',
  'x-internal': true
}

// What @fastify/rate-limit (plugins/rate-limit.ts) adds to every answer of a limited route, 401s and 429s included.
// Absent when RATE_LIMIT_PER_MINUTE is 0, hence not required.
const bounded = (minimum: number, maximum: number, description: string) =>
  ({ type: 'integer', format: 'int32', minimum, maximum, description })
const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': bounded(1, 1_000_000, 'Requests allowed per minute for this token (or address, without one).'),
  'X-RateLimit-Remaining': bounded(0, 1_000_000, 'Requests left in the current minute.'),
  'X-RateLimit-Reset': bounded(0, 60, 'Seconds until the budget is renewed.')
}
const RETRY_AFTER = { 'Retry-After': bounded(0, 60, 'Seconds to wait before retrying.') }

type Answer = Record<string, unknown> & { headers?: Record<string, unknown> }

/** The route's schema with the rate-limit headers on its 2xx and 4xx answers (and Retry-After on the 429). */
function withRateLimitHeaders (schema: FastifySchema): FastifySchema {
  if (!schema.response) return schema
  // Copies, never the route's own objects: those also drive the response serializer.
  const response = Object.fromEntries(Object.entries(schema.response as Record<string, Answer>).map(([status, answer]) => [
    status,
    /^[24]/.test(status)
      ? { ...answer, headers: { ...answer.headers, ...RATE_LIMIT_HEADERS, ...(status === '429' ? RETRY_AFTER : {}) } }
      : answer
  ]))
  return { ...schema, response }
}

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      tags: [
        { name: 'units', description: 'Units (đơn vị)' },
        { name: 'blocks', description: 'Emulation blocks (khối thi đua)' },
        { name: 'clusters', description: 'Emulation clusters (cụm thi đua), members and terms' },
        { name: 'pledges', description: 'Emulation pledges (giao ước thi đua), their versions and signatures' },
        { name: 'conferences', description: 'Conferences (hội nghị): pledge signing, mid-year and annual reviews, quorum' },
        { name: 'scoring', description: 'Scoring schemes (quy định chấm điểm), their versions and per-unit targets' },
        { name: 'discipline', description: 'Discipline records (kỷ luật) of units' },
        { name: 'elections', description: 'Secret ballots (bỏ phiếu): titles (suy tôn), next year\'s head and deputy (bầu Cụm trưởng, Cụm phó), proposals' },
        { name: 'audit', description: 'Who changed what' },
        { name: 'events', description: 'The domain event feed' },
        { name: 'health', description: 'Liveness and readiness' }
      ],
      servers: [SERVER],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'An HS256 JWT (RFC 7519) from `npm run token`, checked as RFC8725 advises: the algorithm is ' +
              'pinned to HS256 (`none` and every other algorithm are refused), the signature is verified, so are ' +
              '`exp` and `nbf` (`npm run token` always sets `exp`), and the claims must name a known role with the scope it needs.'
          }
        }
      },
      security: [{ bearerAuth: [] }]
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema-${i}`) },
    // Documents the rate limit on every route it applies to (all but the public ones), so no route restates it.
    transform: ({ schema, url, route }) => ({
      schema: schema && route.config?.public !== true ? withRateLimitHeaders(schema) : schema,
      url
    })
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, deepLinking: true }
  })
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
}, { name: 'swagger' })
