// The title catalogue: every role reads it, an admin adds titles and corrects them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { changeTitle, createTitle, listTitles, readTitle } from '../../services/titles.js'
import { NewTitle, Title, TitleListQuery, TitlePage, TitleParams, TitlePatch } from './schemas.js'

const tags = ['awards']

const titles: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/titles', {
    schema: {
      operationId: 'listTitles',
      summary: 'List the title catalogue',
      description: 'Every title a cluster can propose and the Ministry can award (Cờ thi đua của Chính phủ, Cờ thi đua ' +
        'của Bộ Công an, Bằng khen, Chiến sĩ thi đua…), from the Government\'s down, each level in Vietnamese order: ' +
        'its recipients, the standard it needs, its quota and their legal basis. `level` and `recipient` narrow it.',
      tags,
      querystring: TitleListQuery,
      response: { 200: ref(TitlePage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listTitles(readContext(request), request.query))

  app.post('/v1/titles', {
    config: { roles: ['admin'], etag: true, location: true },
    schema: {
      operationId: 'createTitle',
      summary: 'Add a title to the catalogue',
      description: 'Adds a title with its standard, quota and legal basis; its code, level and recipients are fixed ' +
        'once created. The code must be new (409 `title_code_taken`) and the name too, whatever its case or Unicode ' +
        'form (409 `title_name_taken`). Audited and emitted as `title.created`.',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewTitle),
      response: { 201: ref(Title, { description: 'The title added.' }), ...problems({ 409: ['title_code_taken', 'title_name_taken'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const title = await createTitle(ctx, { ...request.body, quota: request.body.quota ?? null })
    return { statusCode: 201, body: title, headers: { etag: etagOf(title.version), location: `/v1/titles/${title.code}` } }
  })))

  app.get('/v1/titles/:code', {
    schema: {
      operationId: 'getTitle',
      summary: 'Get a title of the catalogue',
      description: 'One title, with its ETag (If-None-Match answers 304 while unchanged).',
      tags,
      params: TitleParams,
      response: { 200: ref(Title), ...notModified, ...problems({ 404: ['title_not_found'] }) }
    }
  }, async (request, reply) => {
    const title = await readTitle(readContext(request), request.params)
    return reply.header('etag', etagOf(title.version)).send(title)
  })

  app.patch('/v1/titles/:code', {
    config: { roles: ['admin'], etag: true },
    schema: {
      operationId: 'updateTitle',
      summary: 'Correct a title\'s name, standard, quota or legal basis',
      description: 'When a circular changes a standard or a quota, the catalogue follows: the fields given change, ' +
        '`quota: null` removes the quota. Dossiers judge proposals, and the Ministry\'s acceptances count against the ' +
        'quota, as the title stands when they are made. Send the ETag last read in If-Match (412 when stale). Audited ' +
        '(before and after) and emitted as `title.updated`.',
      tags,
      params: TitleParams,
      headers: IfMatchHeaders,
      body: ref(TitlePatch),
      response: {
        200: ref(Title, { description: 'The title changed.' }),
        ...problems({ 404: ['title_not_found'], 409: ['title_name_taken'], 412: ['precondition_failed'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeTitle(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))
}

export default titles
