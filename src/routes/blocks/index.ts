// Blocks: created by an admin, read by every role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { createBlock, listBlocks, readBlock } from '../../services/blocks.js'
import { Block, BlockListQuery, BlockPage, BlockParams, NewBlock } from './schemas.js'

const tags = ['blocks']

const blocks: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/blocks', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'createBlock',
      summary: 'Create a block',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewBlock),
      response: { 201: ref(Block, { description: 'The block created.' }), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const block = await createBlock(ctx, request.body)
    return { statusCode: 201, body: block, headers: { etag: etagOf(block.version), location: `/v1/blocks/${block.id}` } }
  })))

  app.get('/v1/blocks', {
    schema: {
      operationId: 'listBlocks',
      summary: 'List blocks in Vietnamese order, optionally searching',
      tags,
      querystring: BlockListQuery,
      response: { 200: ref(BlockPage), ...problems(400, 403) }
    }
  }, async (request) => listBlocks(readContext(request), request.query))

  app.get('/v1/blocks/:blockId', {
    schema: {
      operationId: 'getBlock',
      summary: 'Get a block',
      tags,
      params: BlockParams,
      response: { 200: ref(Block), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const block = await readBlock(readContext(request), request.params)
    return reply.header('etag', etagOf(block.version)).send(block)
  })
}

export default blocks
