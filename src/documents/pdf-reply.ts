// How a route answers with a printed document: the OpenAPI response of a PDF, and the reply itself. The body is
// a Buffer, which Fastify sends as it is (a Buffer never goes through the response serializer).
import type { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { negotiated, VARY_ACCEPT } from '../http/negotiate.js'

/** The 200 response of a route that answers with a PDF. */
export const pdfResponse = (description: string) => ({
  description,
  headers: VARY_ACCEPT,
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
})

/**
 * Whether the request's Accept takes a PDF (absent, `*\/*`, `application/*` or `application/pdf`); when it does
 * not, the answer is already 406 `not_acceptable`: a client asking for JSON is told, not sent bytes it cannot parse.
 */
export const acceptsPdf = (request: FastifyRequest, reply: FastifyReply): boolean =>
  negotiated(request, reply, ['application/pdf']) !== undefined

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

/** Sends the PDF inline (browsers show it) under an ASCII file name. */
export const sendPdf = (reply: FastifyReply, pdf: Buffer, filename: string) =>
  sendDocument(reply, pdf, { type: 'application/pdf', filename, disposition: 'inline' })
