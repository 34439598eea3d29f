// Real bytes of every type an evidence file may have, and a renamed executable, for the files' tests.
import type { RequestOptions } from 'node:http'
import { deflateRawSync } from 'node:zlib'
import PDFDocument from 'pdfkit'
import ExcelJS from 'exceljs'

export const PDF_TYPE = 'application/pdf'
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A one-page PDF made by pdfkit. */
export async function pdfBytes (text = 'Báo cáo thành tích năm 2024'): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', compress: false })
  const parts: Buffer[] = []
  doc.on('data', (part: Buffer) => parts.push(part))
  const done = new Promise<void>((resolve) => doc.on('end', resolve))
  doc.text(text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
  doc.end()
  await done
  return Buffer.concat(parts)
}

/** A 1×1 PNG, as literal bytes. */
export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex')

/** A 1×1 JPEG, as literal bytes. */
export const JPEG_BYTES = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432' +
  'ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9', 'hex')

/** The start of a Linux executable (ELF), padded: what a renamed program looks like. */
export const ELF_BYTES = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(4096, 0x90)])

/** A ZIP archive (deflated entries, with its central directory) holding these entries. */
export function zipBytes (entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text)
    const packed = deflateRawSync(data)
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10)
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function crc32 (data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return (crc ^ 0xffffffff) >>> 0
}

/** A minimal Word document: [Content_Types].xml first, its body under word/. */
export const docxBytes = () => zipBytes({
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
  'word/document.xml': '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
})

/** A workbook made by exceljs. */
export async function xlsxBytes (): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('Chấm điểm').addRow(['Tiêu chí', 'Điểm'])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Content-Disposition naming `name` in UTF-8 (RFC 8187). */
export const named = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`

/** A POST /v1/files of a PDF named `name` to the service on 127.0.0.1:`port`; `length` its Content-Length (none: chunked). */
export const pdfUpload = (port: number, token: string, name: string, length?: number): RequestOptions => ({
  host: '127.0.0.1',
  port,
  method: 'POST',
  path: '/v1/files',
  headers: {
    authorization: token,
    'content-type': PDF_TYPE,
    'content-disposition': named(name),
    ...(length === undefined ? {} : { 'content-length': String(length) })
  }
})
