// How a route answers with a printed document: the OpenAPI response of a PDF, and the reply itself. The body is
// a Buffer, which Fastify sends as it is (a Buffer never goes through the response serializer).
import type { FastifyReply } from 'fastify'

/** The 200 response of a route that answers with a PDF. */
export const pdfResponse = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
})

/** Sends the PDF inline (browsers show it) under an ASCII file name. */
export function sendPdf (reply: FastifyReply, pdf: Buffer, filename: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .header('cache-control', 'private, no-cache')
    .send(pdf)
}
