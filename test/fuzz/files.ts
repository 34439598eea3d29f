// File bodies for the operations whose request body is raw bytes (uploadFile): small real files of the types taken,
// and what must be refused (a renamed executable, a ZIP of something else, nothing at all), each sent under its own
// type or another, with a good, odd or missing name in Content-Disposition.
import fc from 'fast-check'
import { DOCX_TYPE, ELF_BYTES, JPEG_BYTES, named, PDF_TYPE, PNG_BYTES, docxBytes, zipBytes } from '../helpers/files.js'
import { NFD_TEXT, ODD_HEADERS } from './values.js'

/** A one-page PDF written by hand, its cross-reference table pointing at each object's real offset. */
function smallPdf (): Buffer {
  const content = 'BT /F1 12 Tf 72 770 Td (Bao cao thi dua nam 2024) Tj ET'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  ]
  let text = '%PDF-1.4\n'
  const offsets = objects.map((body, i) => {
    const at = text.length
    text += `${i + 1} 0 obj\n${body}\nendobj\n`
    return at
  })
  const xref = text.length
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(text, 'latin1')
}

interface FileSample { bytes: Buffer, type: string }

/** By name, so a finding's plan says which was sent. The first four are real files of a type taken. */
export const FILE_SAMPLES: Record<string, FileSample> = {
  pdf: { bytes: smallPdf(), type: PDF_TYPE },
  png: { bytes: PNG_BYTES, type: 'image/png' },
  jpeg: { bytes: JPEG_BYTES, type: 'image/jpeg' },
  docx: { bytes: docxBytes(), type: DOCX_TYPE },
  renamedExecutable: { bytes: ELF_BYTES, type: PDF_TYPE },
  zipOfProgram: { bytes: zipBytes({ 'setup.exe': 'MZ' }), type: DOCX_TYPE },
  nothing: { bytes: Buffer.alloc(0), type: PDF_TYPE }
}
const REAL = ['pdf', 'png', 'jpeg', 'docx']

const GOOD_NAMES = ['Báo cáo thành tích năm 2024', 'Ảnh lễ ký kết giao ước', 'Biên bản họp Cụm thi đua số 9', NFD_TEXT[0]]
const ODD_DISPOSITIONS = ['', 'attachment', 'attachment; filename=""', 'attachment; filename="../../etc/passwd"',
  "attachment; filename*=UTF-8''%ZZ", "attachment; filename*=UTF-8''a%01b.pdf", "attachment; filename*=ISO-8859-1''a.pdf",
  `attachment; filename*=UTF-8''${'a'.repeat(300)}.pdf`, 'attachment; filename="a.pdf"; filename*=UTF-8\'\'%C4%91.pdf', 'inline; filename=a.pdf']

export interface FileBody { kind: 'file', sample: string, type: string | null, disposition: string | null }

/**
 * A file body: `clean`, a real file under its own type and a good name; else any sample, under its own type, another
 * type taken (`types`), an odd one or none, with a good, odd or missing name.
 */
export function fileBody (types: readonly string[], clean: boolean): fc.Arbitrary<FileBody> {
  if (clean) {
    return fc.record({ sample: fc.constantFrom(...REAL), name: fc.constantFrom(...GOOD_NAMES) })
      .map(({ sample, name }) => ({ kind: 'file', sample, type: FILE_SAMPLES[sample].type, disposition: named(name) }))
  }
  return fc.record({
    sample: fc.constantFrom(...Object.keys(FILE_SAMPLES)),
    type: fc.oneof({ weight: 6, arbitrary: fc.constant('own') }, { weight: 2, arbitrary: fc.constantFrom(...types) },
      { weight: 1, arbitrary: fc.constantFrom(...ODD_HEADERS.contentType) }, { weight: 1, arbitrary: fc.constant(null) }),
    disposition: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...GOOD_NAMES).map(named) },
      { weight: 3, arbitrary: fc.constantFrom(...ODD_DISPOSITIONS) }, { weight: 1, arbitrary: fc.constant(null) })
  }).map(({ sample, type, disposition }) => ({ kind: 'file', sample, type: type === 'own' ? FILE_SAMPLES[sample].type : type, disposition }))
}
