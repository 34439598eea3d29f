// A dossier's attachments while it is assembled (draft or returned): a stored file is attached, and one attached by
// mistake is removed, by the same callers (an admin, the cluster's secretariat, a proposed unit its own report).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { IdParam } from '../../http/common-schemas.js'
import { DeleteHeaders, IdempotencyHeaders, problems, ref } from '../../http/shared-schemas.js'
import { addAttachment, removeAttachment } from '../../services/dossiers.js'
import { EXAMPLE_ATTACHMENT_ID, EXAMPLE_DOSSIER_ID } from './examples.js'
import { changed } from './reply.js'
import { Dossier, DossierParams, NewAttachment } from './schemas.js'

const tags = ['awards']
const config = () => ({
  roles: ['admin', 'secretariat', 'unit'] as Array<'admin' | 'secretariat' | 'unit'>,
  etag: true as const,
  scope: { secretariat: 'own cluster only', unit: 'its own achievement report, in a dossier proposing it' }
})

const AttachmentParams = Type.Object({
  dossierId: IdParam('The dossier\'s id.', EXAMPLE_DOSSIER_ID),
  attachmentId: IdParam('The attachment\'s id (the `id` of one of the dossier\'s `attachments`, not its file\'s).', EXAMPLE_ATTACHMENT_ID)
})

const attachments: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/dossiers/:dossierId/attachments', {
    config: config(),
    schema: {
      operationId: 'addDossierAttachment',
      summary: 'Attach a stored file (an achievement report, the minutes, evidence) to a dossier being assembled',
      description: 'Attaches a file stored with POST /v1/files to a `draft` or `returned` dossier (409 `dossier_not_editable` ' +
        'otherwise). An `achievement_report` (báo cáo thành tích) names the proposed unit it reports on (422 ' +
        '`attachment_unit_required`); a unit named must be proposed in the dossier (422 `attachment_unit_not_proposed`). A unit ' +
        'token attaches only its own achievement report (403 otherwise); the caller must be able to read the file (422 ' +
        '`attachment_file_not_found`); its SHA-256 is kept with it. At most 100 attachments (422 `dossier_attachments_limit`). ' +
        'A file cannot be deleted while a dossier holds it (removeDossierAttachment takes it back). Answers the dossier. ' +
        'Audited and emitted as `dossier.attachment_added`.',
      tags,
      params: DossierParams,
      headers: IdempotencyHeaders,
      body: ref(NewAttachment),
      response: {
        201: ref(Dossier, { description: 'The dossier with the new attachment.' }),
        ...problems({
          404: ['dossier_not_found', 'title_not_found'],
          409: ['dossier_not_editable'],
          422: ['attachment_file_not_found', 'attachment_unit_not_proposed', 'attachment_unit_required', 'dossier_attachments_limit']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await addAttachment(ctx, { ...request.params, ...request.body }), 201))))

  app.delete('/v1/dossiers/:dossierId/attachments/:attachmentId', {
    config: config(),
    schema: {
      operationId: 'removeDossierAttachment',
      summary: 'Remove an attachment added by mistake from a dossier being assembled',
      description: 'Takes an attachment out of a `draft` or `returned` dossier (409 `dossier_not_editable` otherwise: a ' +
        'submitted dossier is frozen under its content hash), by whoever may attach it: an admin, the cluster\'s secretariat, ' +
        'or a proposed unit its own achievement report (403 for another attachment). 404 `dossier_attachment_not_found` when ' +
        'the dossier has no attachment with this id. If-Match is optional (412 when stale). The dossier\'s version advances ' +
        '(a new ETag); the file itself stays, and may be deleted once no dossier holds it. Answers the dossier without ' +
        'the attachment. Audited and emitted as `dossier.attachment_removed`.',
      tags,
      params: AttachmentParams,
      headers: DeleteHeaders,
      response: {
        200: ref(Dossier, { description: 'The dossier without the attachment, with its new ETag.' }),
        ...problems({
          404: ['dossier_attachment_not_found', 'dossier_not_found', 'title_not_found'],
          409: ['dossier_not_editable'],
          412: ['precondition_failed']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await removeAttachment(ctx, { ...request.params, ifMatch: request.headers['if-match'] }), 200))))
}

export default attachments
