// Every resource: its shared schemas (registered at the root so the contract names them) and its routes.
import type { TSchema } from 'typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import units from './units/index.js'
import { unitSchemas } from './units/schemas.js'

export interface Resource { schemas: TSchema[], routes: FastifyPluginAsyncTypebox }

export const resources: Resource[] = [
  { schemas: unitSchemas, routes: units }
]
