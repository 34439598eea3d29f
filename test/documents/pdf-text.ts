// The text of a PDF, page by page, read with pdfjs-dist (its legacy build runs in Node without a canvas): the
// tests need no system tool such as pdftotext. White space is collapsed to single spaces and the text is NFC, so
// a name that wraps onto the next line still reads as one.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfText {
  pages: string[]
  /** Every page's text, one space between pages. */
  text: string
  info: Record<string, unknown>
}

export async function pdfText (pdf: Buffer): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('')
      pages.push(text.normalize('NFC').replace(/\s+/g, ' ').trim())
    }
    const { info } = await doc.getMetadata()
    return { pages, text: pages.join(' '), info: info as Record<string, unknown> }
  } finally {
    await doc.destroy()
  }
}
