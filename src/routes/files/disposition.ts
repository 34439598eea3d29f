// File names in Content-Disposition, both ways. An upload names its file with `filename*=UTF-8''<percent-encoded>`
// (RFC 8187, which RFC 5987 was) or a plain `filename="…"`; a download gives both, an ASCII fallback for old clients
// first and the exact UTF-8 name second (RFC 6266 §4.3).

/** The name a Content-Disposition header gives, decoded; undefined when it gives none or it cannot be decoded. */
export function dispositionFileName (header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^';\s]+)'[^']*'([^;\s]*)/i.exec(header)
  if (extended) {
    if (extended[1].toLowerCase() !== 'utf-8') return undefined
    try {
      return decodeURIComponent(extended[2])
    } catch {
      return undefined
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header)
  if (!plain) return undefined
  const value = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]
  // Node reads header bytes as Latin-1: a client that sent the name as raw UTF-8 gets it back as sent.
  const asUtf8 = Buffer.from(value, 'latin1').toString('utf8')
  return /[^\x00-\xff]/.test(value) || asUtf8.includes('\ufffd') ? value : asUtf8
}

/** RFC 8187's value characters: everything else percent-encoded. */
const encodeExtended = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** Vietnamese letters without their marks (đ has none to strip), anything else outside plain ASCII as `_`. */
const asciiFallback = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')

/** `attachment; filename="<ASCII>"; filename*=UTF-8''<exact>` */
export const attachmentDisposition = (name: string) =>
  `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtended(name)}`
