// A dossier's answer to a change: the dossier as read now, with its tag (the ETag to send in If-Match next).
import { dossierTag, type PresentedDossier } from '../../services/dossiers.js'

export const changed = (dossier: PresentedDossier, statusCode = 200) => ({ statusCode, body: dossier, headers: { etag: dossierTag(dossier) } })
