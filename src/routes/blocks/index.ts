// Blocks: created by an admin, read by every role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { createBlock, deleteBlock, listBlocks, readBlock } from '../../services/blocks.js'
import { Block, BlockListQuery, BlockPage, BlockParams, NewBlock } from './schemas.js'

const tags = ['blocks']

const blocks: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/blocks', {
    config: { roles: ['admin'], etag: true, location: true },
    schema: {
      operationId: 'createBlock',
      summary: 'Create a block',
      description: 'Records an emulation block (khối thi đua), such as Khối các đơn vị Công an địa phương; its clusters ' +
        'are created next (createCluster with its blockId). The name must differ from every other block\'s whatever ' +
        'its case or Unicode form (409 `block_name_taken`). Audited and emitted as `block.created`.',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewBlock),
      response: { 201: ref(Block, { description: 'The block created.' }), ...problems({ 409: ['block_name_taken'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const block = await createBlock(ctx, request.body)
    return { statusCode: 201, body: block, headers: { etag: etagOf(block.version), location: `/v1/blocks/${block.id}` } }
  })))

  app.get('/v1/blocks', {
    schema: {
      operationId: 'listBlocks',
      summary: 'List blocks in Vietnamese order, optionally searching',
      description: 'Every block, in Vietnamese alphabetical order of name, a page at a time (pass nextCursor as ' +
        '`cursor`). `q` keeps the blocks whose name contains it, ignoring diacritics and case.',
      tags,
      querystring: BlockListQuery,
      response: { 200: ref(BlockPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listBlocks(readContext(request), request.query))

  app.get('/v1/blocks/:blockId', {
    schema: {
      operationId: 'getBlock',
      summary: 'Get a block',
      description: 'One block, with its ETag (If-None-Match answers 304 while unchanged). Its clusters are listed by ' +
        'listClusters with `blockId`.',
      tags,
      params: BlockParams,
      response: { 200: ref(Block), ...notModified, ...problems({ 404: ['block_not_found'] }) }
    }
  }, async (request, reply) => {
    const block = await readBlock(readContext(request), request.params)
    return reply.header('etag', etagOf(block.version)).send(block)
  })

  app.delete('/v1/blocks/:blockId', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'deleteBlock',
      summary: 'Delete a block created by mistake (it must hold no cluster)',
      description: 'Removes a block that holds no cluster; otherwise 409 `block_in_use`, whose detail names its clusters ' +
        '("Khối các đơn vị Công an địa phương holds Cụm thi đua số 1…") and whose `references` counts them. If-Match is ' +
        'optional (412 when stale). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `block.deleted` with it.',
      tags,
      params: BlockParams,
      headers: DeleteHeaders,
      response: { ...noContent('The block is deleted.'), ...problems({ 404: ['block_not_found'], 409: ['block_in_use'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteBlock(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))
}

export default blocks
