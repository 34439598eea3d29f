// The OpenAPI 3.1 contract from the route schemas (components named by $id) and the Swagger UI at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

export const API_INFO = {
  title: 'thidua — emulation clusters of the People\'s Public Security',
  description: 'Records of the "Vì an ninh Tổ quốc" emulation clusters: units, blocks, clusters and their ' +
    'members over time, terms, and the audit trail and event feed. Authorise with a bearer token ' +
    '(`npm run token -- --role admin`).',
  version: '1.0.0'
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
        { name: 'audit', description: 'Who changed what' },
        { name: 'events', description: 'The domain event feed' },
        { name: 'health', description: 'Liveness and readiness' }
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }
      },
      security: [{ bearerAuth: [] }]
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema-${i}`) }
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, deepLinking: true }
  })
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
}, { name: 'swagger' })
