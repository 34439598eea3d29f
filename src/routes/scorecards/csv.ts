// The ranking as a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the diacritics), Vietnamese headers,
// one line per unit in rank order, RFC 4180 quoting.
const HEADERS = [
  'Đơn vị', 'Tổng điểm', 'Xếp hạng', 'Xếp loại', 'Điểm thưởng', 'Điểm trừ', 'Đang bị kỷ luật',
  'Đủ điều kiện đề nghị danh hiệu', 'Đủ điều kiện Cờ thi đua Bộ Công an', 'Đủ điều kiện Cờ thi đua Chính phủ'
]

export interface CsvItem {
  unitName: string
  total: number
  rank: number
  bandName: string
  bonus: number
  deduction: number
  underDiscipline: boolean
  eligibleForTitles: boolean
  eligibleForMinistryFlag: boolean
  eligibleForGovernmentFlag: boolean
}

const cell = (value: string | number): string => {
  const text = String(value)
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
const yesNo = (value: boolean) => (value ? 'Có' : 'Không')
const points = (value: number) => value.toFixed(2)

export function rankingCsv (items: readonly CsvItem[]): Buffer {
  const lines = [HEADERS.map(cell).join(',')]
  for (const i of items) {
    lines.push([
      i.unitName, points(i.total), i.rank, i.bandName, points(i.bonus), points(i.deduction), yesNo(i.underDiscipline),
      yesNo(i.eligibleForTitles), yesNo(i.eligibleForMinistryFlag), yesNo(i.eligibleForGovernmentFlag)
    ].map(cell).join(','))
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
