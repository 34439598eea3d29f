// Reads a .docx back as Word would show it: the text of each paragraph of the body and of the footers, and the
// fonts its styles name. Unzipped with the system's `unzip`, as a reader's tool would.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
const decode = (xml: string) => xml.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity])

/** The text of each paragraph (<w:p>) of a WordprocessingML part, runs joined, tabs as spaces. */
const paragraphs = (xml: string) => xml.split('</w:p>').map((p) =>
  decode([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => m[1] ?? ' ').join(''))
).filter((p) => p !== '')

export async function docxText (docx: Buffer) {
  const file = join(mkdtempSync(join(tmpdir(), 'docx-')), 'document.docx')
  writeFileSync(file, docx)
  const part = (name: string) => execFileSync('unzip', ['-p', file, name]).toString('utf8')
  const names = execFileSync('unzip', ['-Z1', file]).toString('utf8').split('\n')
  const body = paragraphs(part('word/document.xml'))
  const footers = names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).flatMap((n) => paragraphs(part(n)))
  const fonts = new Set([...part('word/styles.xml').matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]))
  return { paragraphs: body, text: body.join('\n'), footers, fonts }
}
