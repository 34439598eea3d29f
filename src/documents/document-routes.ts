// How a printed document goes out: every official document is served twice from one model, as a PDF to print
// (`….pdf`, inline) and as a Word document to edit and sign (`….docx`, an attachment), by two operations that
// differ only in media type. The body is a Buffer, which Fastify sends as it is (never through the serializer).
import type { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import { negotiated, VARY_ACCEPT } from '../http/negotiate.js'
import { problems } from '../http/shared-schemas.js'
import type { OfficialDocument } from './model.js'
import { renderDocx } from './render-docx.js'
import { renderPdf } from './render-pdf.js'

export const PDF_TYPE = 'application/pdf'
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The 200 response of a route that answers with a binary document of `type`. */
export const documentResponse = (type: string, description: string) => ({
  description,
  headers: VARY_ACCEPT,
  content: { [type]: { schema: { type: 'string', format: 'binary' } } }
})

/**
 * Sends a generated document under an ASCII file name, never cached by a proxy: `inline` for a PDF browsers show,
 * `attachment` for a file to edit (a .docx, a spreadsheet); a stream goes out as it is written.
 */
export function sendDocument (reply: FastifyReply, bytes: Buffer | Readable, { type, filename, disposition }: { type: string, filename: string, disposition: 'inline' | 'attachment' }) {
  return reply
    .type(type)
    .header('content-disposition', `${disposition}; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .header('cache-control', 'private, no-cache')
    .send(bytes)
}

const FORMATS = [
  { extension: 'pdf', type: PDF_TYPE, suffix: '', disposition: 'inline', render: renderPdf, as: 'a printable A4 PDF', sent: 'shown inline' },
  { extension: 'docx', type: DOCX_TYPE, suffix: 'Docx', disposition: 'attachment', render: renderDocx, as: 'a Word document (.docx) to edit and sign', sent: 'sent as an attachment' }
] as const

export interface DocumentRoutes<P extends TSchema, Q extends TSchema> {
  /** The path without its extension, e.g. `/v1/pledges/:pledgeId/document`. */
  path: string
  /** The PDF's operationId; the .docx's is the same followed by `Docx`. */
  operationId: string
  /** What the document is, e.g. "The pledge": the start of both summaries. */
  what: string
  description: string
  tags: string[]
  params: P
  querystring?: Q
  problems: Parameters<typeof problems>[0]
  /** The document's model and its file name without extension. */
  load: (request: FastifyRequest<{ Params: Static<P>, Querystring: Static<Q> }>) => Promise<{ model: OfficialDocument, fileName: string }>
}

/** Registers `path.pdf` and `path.docx`: the same model, laid out for print and for Word. */
export function documentRoutes<P extends TSchema, Q extends TSchema> (app: FastifyInstance, spec: DocumentRoutes<P, Q>): void {
  for (const format of FORMATS) {
    app.get(`${spec.path}.${format.extension}`, {
      schema: {
        operationId: `${spec.operationId}${format.suffix}`,
        summary: `${spec.what} as ${format.as}`,
        description: `${spec.description} The PDF and the .docx are laid out from one model of the document: the same ` +
          'words in both (Times New Roman in Word, a serif with every Vietnamese letter in the PDF; A4, the margins of ' +
          `Decree 30/2020/NĐ-CP). This one is ${format.as}, ${format.sent}.`,
        tags: spec.tags,
        params: spec.params,
        ...(spec.querystring === undefined ? {} : { querystring: spec.querystring }),
        produces: [format.type, 'application/problem+json'],
        response: {
          200: documentResponse(format.type, `${spec.what} as ${format.as}, ${format.sent}.`),
          ...problems({ ...spec.problems, 406: ['not_acceptable'] })
        }
      }
    }, async (request, reply) => {
      // A client asking for JSON is told (406), not sent bytes it cannot parse.
      if (negotiated(request, reply, [format.type]) === undefined) return reply
      // The route's schema has validated params and query against P and Q.
      const { model, fileName } = await spec.load(request as FastifyRequest<{ Params: Static<P>, Querystring: Static<Q> }>)
      return sendDocument(reply, await format.render(model), { type: format.type, filename: `${fileName}.${format.extension}`, disposition: format.disposition })
    })
  }
}
