// One model of an official document, rendered both as a PDF (render-pdf.ts) and as a Word document
// (render-docx.ts), so the two formats of a pledge, minutes or decision can never say different things: a builder
// turns a record into this model once, and each renderer only lays it out. The blocks are the few an
// administrative document of Decree 30/2020/NĐ-CP is made of: the national heading, paragraphs, numbered items,
// section headings, simple tables and the closing (recipients and signature blocks side by side).
import type { DocumentMeta, Footer, Heading } from './official-heading.js'

export type { DocumentMeta, Footer, Heading }

/** A stretch of text in one face. */
export interface Run {
  text: string
  bold?: boolean
  italic?: boolean
}

interface Keep {
  /**
   * How many of the following blocks this one stays on the same page with (a signer's lines, the last lines of the
   * text before the signatures). Applies where the renderer can: the PDF measures, Word keeps paragraphs together.
   */
  keepWithNext?: number
}

export interface ParagraphBlock extends Keep {
  kind: 'paragraph'
  runs: Run[]
  /** Justified unless said otherwise. */
  align?: 'justify' | 'center' | 'left'
  /** Left indent in points. */
  indent?: number
  size?: 'body' | 'small' | 'large'
  /** Extra space after, in lines (0.25 unless said). */
  spaceAfter?: number
}

/** A section heading: bold capitals at the left margin. */
export interface SectionBlock extends Keep { kind: 'section', text: string }

/** A numbered item whose number hangs left of its text. */
export interface ItemBlock extends Keep { kind: 'item', number: string, runs: Run[], indent?: number }

/** "BẢN DỰ THẢO" and why: the record is not final and has no hash yet. */
export interface DraftBlock { kind: 'draft', note: string }

/** A table with a header row; every cell is text, widths are shares of the text width. */
export interface TableBlock extends Keep {
  kind: 'table'
  columns: Array<{ header: string, width: number, align?: 'left' | 'center' | 'right' }>
  rows: string[][]
}

/** One column of the closing: a heading in bold capitals, a note in italics, and lines (recipients) or a name. */
export interface ClosingColumn {
  heading: string
  /** Italic under the heading, e.g. "(Ký, ghi rõ họ tên)". */
  note?: string
  /** Lines under the heading, each starting "- " (the recipients). */
  lines?: string[]
  /** The signer's rank and name, printed under the space for the signature. */
  signer?: string
}

/** The closing: two columns side by side (recipients or a signer on the left, a signer on the right). */
export interface ClosingBlock { kind: 'closing', left: ClosingColumn, right: ClosingColumn }

export type Block = ParagraphBlock | SectionBlock | ItemBlock | DraftBlock | TableBlock | ClosingBlock

export interface OfficialDocument {
  meta: DocumentMeta
  heading: Heading
  blocks: Block[]
  footer: Footer
}

/** A paragraph of plain text. */
export const text = (value: string, options: Omit<ParagraphBlock, 'kind' | 'runs'> & { bold?: boolean, italic?: boolean } = {}): ParagraphBlock => {
  const { bold, italic, ...rest } = options
  return { kind: 'paragraph', runs: [{ text: value, bold, italic }], ...rest }
}

/** A paragraph led by a bold label ("Chủ trì: …"). */
export const labelled = (label: string, value: string, options: Omit<ParagraphBlock, 'kind' | 'runs'> = {}): ParagraphBlock =>
  ({ kind: 'paragraph', runs: [{ text: `${label} `, bold: true }, { text: value }], align: 'left', ...options })

/** Numbered items 1., 2., … of plain text, or one italic paragraph saying the list is empty. */
export function numbered (values: string[], empty: string, options: { indent?: number } = {}): Block[] {
  if (values.length === 0) return [text(empty, { italic: true })]
  return values.map((value, i) => ({ kind: 'item', number: `${i + 1}.`, runs: [{ text: value }], ...options }))
}

/**
 * How many of the following blocks block i stays on a page with: its own keepWithNext, and for the block before
 * the closing 1 (the last lines of text go with the signatures: a signature never stands alone on a page).
 */
export function keepOf (blocks: Block[], i: number): number {
  const block = blocks[i]
  if (block.kind === 'draft' || block.kind === 'closing') return 0
  return block.keepWithNext ?? (blocks[i + 1]?.kind === 'closing' ? 1 : 0)
}

export const upper = (value: string) => value.toLocaleUpperCase('vi-VN')
