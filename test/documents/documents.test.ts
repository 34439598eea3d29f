// The document builders: pure functions from plain data to a document model, laid out as PDF and as DOCX. The text is checked as a reader's tool
// extracts it, every Vietnamese diacritic included; the same data must give the same bytes.
import t from 'tap'
import { adoptedLines, minutesCanonical, minutesHash, minutesModel, type HashedConference } from '../../src/documents/minutes-document.js'
import { issuerOf, placeAndDate, vietnameseNumber, vietnamTime } from '../../src/documents/official-heading.js'
import { pledgeModel, targetText, titleName } from '../../src/documents/pledge-document.js'
import { canonicalJson } from '../../src/domain/canonical-json.js'
import { sha256Hex } from '../../src/domain/pledge.js'
import { CLUSTER_5_UNITS, SLOGAN_2022 } from '../helpers/pledges.js'
import { CLUSTER_6_UNITS } from '../helpers/conferences.js'
import { HASH, minutesData, pledgeData, SIGNERS } from './fixtures.js'
import { pdfText } from './pdf-text.js'
import { docxText } from './docx-text.js'
import { renderPdf } from '../../src/documents/render-pdf.js'
import { renderDocx } from '../../src/documents/render-docx.js'

const HEADING = ['BỘ CÔNG AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']

t.test('the pledge: heading, slogan, commitments, titles, signatures and the hash on every page', async (t) => {
  const pdf = await renderPdf(pledgeModel(pledgeData()))
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  const { pages, text, info } = await pdfText(pdf)
  t.ok(pages.length >= 2, 'six signatures run onto a second page')
  for (const expected of [...HEADING, 'CỤM THI ĐUA SỐ 5', 'Hà Nội, ngày 29 tháng 3 năm 2022', 'GIAO ƯỚC THI ĐUA',
    'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022', SLOGAN_2022,
    'Chỉ tiêu: đạt ít nhất 100% (tin báo, tố giác được tiếp nhận, xử lý)', 'Chỉ tiêu: không vượt quá 2,5%',
    'Cờ thi đua của Chính phủ', 'Phiên bản 1 — Có hiệu lực từ 16 giờ 30, ngày 29/03/2022', 'Người ký: Trần Việt Kiều, Viện trưởng',
    'Chữ ký do thư ký Cụm hoặc quản trị viên ghi nhận thay mặt đơn vị.', 'Đơn vị tự ký.']) {
    t.ok(text.includes(expected), `has "${expected}"`)
  }
  t.notMatch(text, /\d %/, 'a per cent sign follows its number, as Vietnamese writes it')
  for (const name of [...SIGNERS, ...CLUSTER_5_UNITS]) t.ok(text.includes(name), `names ${name}`)
  pages.forEach((page, i) => {
    t.ok(page.includes(HASH), `page ${i + 1} carries the content hash`)
    t.ok(page.includes(`Trang ${i + 1}/${pages.length}`), `page ${i + 1} is numbered`)
  })
  t.notOk(text.includes('BẢN DỰ THẢO'))
  t.equal(info.Title, 'Giao ước thi đua năm 2022')
  t.match(info.CreationDate, /^D:20220329093000/, 'the creation date is the record\'s time')
  t.ok(pdf.includes('DejaVuSerif'), 'the font is embedded')
})

t.test('the same pledge gives the same bytes; another gives others', async (t) => {
  const a = await renderPdf(pledgeModel(pledgeData()))
  const b = await renderPdf(pledgeModel(pledgeData()))
  t.ok(a.equals(b))
  t.notOk(a.equals(await renderPdf(pledgeModel(pledgeData({ createdAt: new Date('2022-03-30T00:00:00Z') })))))
})

t.test('a draft pledge prints "BẢN DỰ THẢO" and no hash; empty lists say so', async (t) => {
  const pdf = await renderPdf(pledgeModel(pledgeData({ status: 'draft', contentHash: null, signatures: [], commitments: [], registeredTitles: [], inForceAt: null })))
  const { pages, text } = await pdfText(pdf)
  t.ok(text.includes('BẢN DỰ THẢO'))
  t.ok(text.includes('Phiên bản 1 — Bản dự thảo, chưa mở để ký.'))
  for (const page of pages) t.ok(page.includes('BẢN DỰ THẢO — chưa có mã băm nội dung'), 'in every footer')
  t.ok(text.includes('Chưa có nội dung.'))
  t.ok(text.includes('Không có đơn vị đăng ký danh hiệu.'))
  t.ok(text.includes('Chưa có đơn vị nào ký.'))
  t.notOk(text.includes(HASH))
})

t.test('the status line of an open or superseded version', async (t) => {
  t.ok((await pdfText(await renderPdf(pledgeModel(pledgeData({ status: 'open', inForceAt: null }))))).text.includes('Đang lấy chữ ký của các đơn vị'))
  t.ok((await pdfText(await renderPdf(pledgeModel(pledgeData({ status: 'superseded' }))))).text.includes('Đã được thay thế bởi phiên bản sau'))
})

t.test('the minutes: heading, record, attendees, decisions, awards and the hash on every page', async (t) => {
  const pdf = await renderPdf(minutesModel(minutesData()))
  const { pages, text } = await pdfText(pdf)
  for (const expected of [...HEADING, 'CỤM THI ĐUA SỐ 6', 'Hà Nội, ngày 30 tháng 7 năm 2024', 'BIÊN BẢN HỘI NGHỊ',
    'Hội nghị sơ kết phong trào thi đua “Vì an ninh Tổ quốc” 6 tháng đầu năm 2024', 'Loại hội nghị: Hội nghị sơ kết 6 tháng.',
    'Thời gian: 14 giờ 00, ngày 30/07/2024.', 'Địa điểm: Hội trường Cục Đối ngoại, Hà Nội.',
    'Chủ trì: Trung tướng Đặng Xuân Hồng, Cục trưởng Cục Đối ngoại.', '6/6 đơn vị thành viên có mặt; yêu cầu ít nhất 2/3',
    'Thiếu tướng Đinh Văn Toản, Phó Cục trưởng, Cục Công tác chính trị', 'Nhiệm vụ, giải pháp 6 tháng cuối năm 2024',
    'Hội nghị thống nhất đánh giá.', 'nhân rộng điển hình tiên tiến.', '120 tập thể và 357 cá nhân được khen thưởng.',
    'Cục Hồ sơ nghiệp vụ bàn giao cờ luân lưu cho Cục Đối ngoại, đơn vị Cụm trưởng năm 2024.', 'CHỦ TRÌ HỘI NGHỊ']) {
    t.ok(text.includes(expected), `has "${expected}"`)
  }
  for (const name of CLUSTER_6_UNITS) t.ok(text.includes(name), `names ${name}`)
  pages.forEach((page, i) => {
    t.ok(page.includes(HASH), `page ${i + 1} carries the hash`)
    t.ok(page.includes(`Trang ${i + 1}/${pages.length}`))
  })
  t.ok(pdf.equals(await renderPdf(minutesModel(minutesData()))), 'the same bytes twice')
})

t.test('draft minutes with the optional parts left out', async (t) => {
  const pdf = await renderPdf(minutesModel(minutesData({
    status: 'draft', hash: null, location: null, guests: [], presentUnits: [], absentUnits: CLUSTER_6_UNITS, agenda: [], minutes: null, decisions: [],
    secretary: null,
    awardTally: null, flagHandover: null, kind: 'other',
    chair: { name: 'Nguyễn Văn A', rank: 'Đại tá', position: 'Phó Cục trưởng', unitName: null },
    quorum: { required: { numerator: 1, denominator: 2, comparison: 'more_than' }, members: 6, attending: 0, met: false }
  })))
  const { pages, text } = await pdfText(pdf)
  t.ok(text.includes('BẢN DỰ THẢO'))
  for (const page of pages) t.ok(page.includes('BẢN DỰ THẢO — biên bản chưa hoàn tất, chưa có mã băm'))
  for (const expected of ['Địa điểm: không ghi nhận.', 'Thư ký: không ghi nhận.', 'Không có đơn vị nào được ghi nhận có mặt.',
    'Các đơn vị vắng mặt:', ...CLUSTER_6_UNITS, 'yêu cầu trên 1/2',
    'chưa đủ điều kiện', 'Hội nghị khác', 'Chủ trì: Đại tá Nguyễn Văn A, Phó Cục trưởng.']) {
    t.ok(text.includes(expected), `has "${expected}"`)
  }
  t.notOk(text.includes('Đại biểu, khách mời'))
  for (const absent of ['KHEN THƯỞNG', 'BÀN GIAO CỜ LUÂN LƯU', 'KẾT QUẢ BỎ PHIẾU', 'VĂN BẢN ĐƯỢC THÔNG QUA', 'KÝ GIAO ƯỚC THI ĐUA']) {
    t.notOk(text.includes(absent), `no "${absent}" section`)
  }
})

t.test('what the conference adopted: one line per document, report and founding decision', async (t) => {
  const decision = { number: '125/QĐ-VKHHS', date: '2022-03-25', issuer: 'Viện Khoa học hình sự', year: 2022, members: 7 }
  const cases: Array<[string, Parameters<typeof adoptedLines>[0], string[]]> = [
    ['nothing adopted', { documents: [], reports: [], advisoryDecision: null }, []],
    ['the title names the kind: printed as it is', {
      documents: [{ kind: 'operating_regulations', title: 'Quy chế hoạt động của Cụm thi đua số 5', versionNumber: 1 }], reports: [], advisoryDecision: null
    }, ['Thông qua Quy chế hoạt động của Cụm thi đua số 5.']],
    ['a title that does not: the kind added, and a later version numbered', {
      documents: [{ kind: 'scoring_rules_note', title: 'Hướng dẫn chấm điểm thi đua năm 2022', versionNumber: 2 }], reports: [], advisoryDecision: null
    }, ['Thông qua Hướng dẫn chấm điểm thi đua năm 2022 (quy định chấm điểm, bản số 2).']],
    ['a report, then the decision', { documents: [], reports: [{ period: 'annual', year: 2021 }], advisoryDecision: decision }, [
      'Thông qua Báo cáo tổng kết công tác thi đua năm 2021.',
      'Công bố Quyết định số 125/QĐ-VKHHS ngày 25/03/2022 của Viện Khoa học hình sự về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng năm 2022 (7 thành viên).'
    ]]
  ]
  for (const [name, adopted, lines] of cases) t.same(adoptedLines(adopted), lines, name)
})

t.test('the minutes of a pledge-signing conference name what it adopted and who signed, in the PDF and the .docx alike', async (t) => {
  const signatures = CLUSTER_5_UNITS.map((unitName, i) => ({ unitName, signerName: i === 0 ? 'Trần Việt Kiều' : `Lãnh đạo đơn vị ${i + 1}`, signerPosition: i === 0 ? 'Viện trưởng' : 'Cục trưởng', signedOn: i === 5 ? '2022-04-02' : '2022-03-29' }))
  const model = minutesModel(minutesData({
    kind: 'pledge_signing',
    adopted: {
      documents: [
        { kind: 'operating_regulations', title: 'Quy chế hoạt động của Cụm thi đua số 5', versionNumber: 1 },
        { kind: 'action_programme', title: 'Chương trình hành động phong trào thi đua “Vì an ninh Tổ quốc” năm 2022', versionNumber: 1 }
      ],
      reports: [],
      advisoryDecision: { number: '125/QĐ-VKHHS', date: '2022-03-25', issuer: 'Viện Khoa học hình sự', year: 2022, members: 7 }
    },
    pledge: { title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022', versionNumber: 1, members: 6, signatures },
    awardTally: null,
    flagHandover: null,
    date: '2022-03-29'
  }))
  const expected = ['V. VĂN BẢN ĐƯỢC THÔNG QUA, CÔNG BỐ TẠI HỘI NGHỊ', 'Thông qua Quy chế hoạt động của Cụm thi đua số 5.',
    'Thông qua Chương trình hành động phong trào thi đua “Vì an ninh Tổ quốc” năm 2022.',
    'Công bố Quyết định số 125/QĐ-VKHHS ngày 25/03/2022 của Viện Khoa học hình sự về việc thành lập Tổ tư vấn',
    'VI. KÝ GIAO ƯỚC THI ĐUA', 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022: 6/6 đơn vị thành viên đã ký:',
    'Viện Khoa học hình sự: đồng chí Trần Việt Kiều, Viện trưởng.', `${CLUSTER_5_UNITS[4]}: đồng chí Lãnh đạo đơn vị 5, Cục trưởng.`,
    `${CLUSTER_5_UNITS[5]}: đồng chí Lãnh đạo đơn vị 6, Cục trưởng (ký ngày 02/04/2022).`]
  const pdf = (await pdfText(await renderPdf(model))).text
  const docx = (await docxText(await renderDocx(model))).text.replace(/\s+/g, ' ')
  for (const line of expected) {
    t.ok(pdf.includes(line), `the PDF has "${line.slice(0, 50)}"`)
    t.ok(docx.includes(line), `the .docx has "${line.slice(0, 50)}"`)
  }
  const none = (await pdfText(await renderPdf(minutesModel(minutesData({ pledge: { title: 'Giao ước', versionNumber: 2, members: 6, signatures: [] } }))))).text
  t.ok(none.includes('Giao ước (bản số 2): 0/6 đơn vị thành viên đã ký.'), 'no signature yet: said so, no list')
})

t.test('the signatures never stand alone: they share their page with the closing lines, whatever the length', async (t) => {
  const closing = 'Biên bản được lập tại hội nghị ngày 30/07/2024, do thư ký hội nghị ghi và được chủ trì hội nghị ký xác nhận.'
  const decision = 'Tổ chức thêm hoạt động giao lưu văn hóa, văn nghệ, thể thao giữa các đơn vị trong Cụm, gắn với kỷ niệm ngày truyền thống.'
  const pageCounts = new Set<number>()
  // One more two-line decision each time moves the end of the text down the page, across the page break and past it.
  for (let n = 0; n <= 26; n++) {
    const { pages } = await pdfText(await renderPdf(minutesModel(minutesData({ decisions: Array.from({ length: n }, () => decision) }))))
    pageCounts.add(pages.length)
    const signed = pages.findIndex((page) => page.includes('CHỦ TRÌ HỘI NGHỊ'))
    t.equal(signed, pages.length - 1, `${n} decisions: the signatures on the last page`)
    for (const part of [closing, 'THƯ KÝ HỘI NGHỊ', 'Đại úy Nguyễn Thị Lan', 'Trung tướng Đặng Xuân Hồng']) {
      t.ok(pages[signed].includes(part), `${n} decisions: "${part.slice(0, 30)}" on the signature page`)
    }
  }
  t.same([...pageCounts], [2, 3], 'the sweep crosses a page break')
})

t.test('minutes hash: SHA-256 of the canonical JSON of the record\'s content, not its bookkeeping', async (t) => {
  const record: HashedConference & { version: number, status: string, updatedAt: string } = {
    id: 'c', clusterId: 'k', kind: 'annual_review', title: 'T', year: 2024, heldAt: '2024-12-20T02:00:00.000Z', heldOn: '2024-12-20',
    location: null, place: null, chair: { name: 'A', rank: 'B', position: 'C', unitId: null }, secretary: null, attendingUnitIds: ['u'], guests: [], agenda: [],
    minutes: null, decisions: [], awardTally: null, links: { pledgeId: null, electionIds: [], flagHandover: null },
    quorum: { required: { numerator: 2, denominator: 3, comparison: 'at_least' }, members: 1, attending: 1, met: true },
    finalizedAt: '2024-12-20T05:00:00.000Z', version: 3, status: 'finalized', updatedAt: '2024-12-20T05:00:00.000Z'
  }
  const { version, status, updatedAt, place, secretary, ...content } = record
  t.equal(minutesCanonical(record), canonicalJson(content), 'a place and secretary not recorded leave the hash as it was before they existed')
  t.equal(minutesHash(record), sha256Hex(canonicalJson(content)))
  t.equal(minutesHash({ ...record, version: 9 } as HashedConference), minutesHash(record))
  t.not(minutesHash({ ...record, minutes: 'x' }), minutesHash(record))
  const secretaryOf = { name: 'Nguyễn Thị Lan', rank: null, position: 'Phó Trưởng phòng Tham mưu' }
  t.equal(minutesCanonical({ ...record, place: 'Thành phố Hồ Chí Minh', secretary: secretaryOf }),
    canonicalJson({ ...content, place: 'Thành phố Hồ Chí Minh', secretary: secretaryOf }), 'recorded, they are hashed')
  const unlinked = { ...record, links: { ...record.links, advisoryGroupYear: null } }
  t.equal(minutesHash(unlinked), minutesHash(record), 'no advisory group linked: the hash as before the link existed')
  const linked = { ...record, links: { ...record.links, advisoryGroupYear: 2024 } }
  t.equal(minutesCanonical(linked), canonicalJson({ ...content, links: linked.links }), 'a linked advisory group is hashed')
})

t.test('helpers: issuer, dates, numbers, targets, titles', async (t) => {
  t.same(issuerOf('Khối các đơn vị trực thuộc Bộ trưởng', 'Cụm thi đua số 5'), ['Bộ Công an', 'Cụm thi đua số 5'])
  t.same(issuerOf('Khối xây dựng lực lượng, hậu cần kỹ thuật – Công an thành phố Hà Nội', 'Cụm thi đua số 4'),
    ['Công an thành phố Hà Nội', 'Cụm thi đua số 4'])
  t.equal(placeAndDate('Hà Nội', '2022-03-29'), 'Hà Nội, ngày 29 tháng 3 năm 2022')
  t.equal(placeAndDate('Hà Nội', '2024-02-05'), 'Hà Nội, ngày 05 tháng 02 năm 2024', 'days below 10 and months 1–2 take a zero')
  t.equal(vietnamTime('2024-12-31T17:30:00Z'), '00 giờ 30, ngày 01/01/2025')
  t.equal(vietnameseNumber(1234.5), '1.234,5')
  t.equal(targetText({ value: 5, unit: 'vụ', direction: 'lower_is_better', description: null }), 'không vượt quá 5 vụ')
  t.equal(targetText({ value: 99.5, unit: '%', direction: 'higher_is_better', description: null }), 'đạt ít nhất 99,5%', 'no space before a per cent sign')
  t.equal(titleName('ministry_certificate'), 'Bằng khen của Bộ trưởng Bộ Công an')
  t.equal(titleName('city_flag'), 'city_flag')
  t.equal(titleName('constructor'), 'constructor', 'a code named like an inherited property prints as it is')
})

/** The words a reader sees, without the line breaks and spaces a layout adds. */
const words = (value: string) => value.replace(/\s+/g, '')

t.test('the .docx of a document has the PDF\'s words, in Times New Roman, and its hash in the footer', async (t) => {
  for (const [name, model] of [['pledge', pledgeModel(pledgeData())], ['minutes', minutesModel(minutesData())]] as const) {
    const docx = await renderDocx(model)
    t.equal(docx.subarray(0, 2).toString('latin1'), 'PK', `${name}: a zip`)
    const read = await docxText(docx)
    t.ok(read.fonts.has('Times New Roman'), `${name}: Times New Roman`)
    t.ok(read.footers.join(' ').includes(HASH), `${name}: the hash in the footer`)
    const pdf = words((await pdfText(await renderPdf(model))).text)
    // The rules under the issuer and the motto are drawn in the PDF, typed as dashes in Word.
    for (const paragraph of read.paragraphs.filter((p) => !/^—+$/.test(p))) {
      t.ok(pdf.includes(words(paragraph)), `${name}: the PDF prints "${paragraph.slice(0, 60)}"`)
    }
    t.ok(read.paragraphs.length > 20, `${name}: ${read.paragraphs.length} paragraphs`)
  }
})

t.test('a draft\'s .docx says so where the PDF does: under the title and in the footer', async (t) => {
  const read = await docxText(await renderDocx(pledgeModel(pledgeData({ status: 'draft', contentHash: null, inForceAt: null }))))
  t.ok(read.paragraphs.includes('BẢN DỰ THẢO'))
  t.ok(read.footers.some((f) => f.includes('BẢN DỰ THẢO — chưa có mã băm nội dung')))
  t.notOk(read.footers.join(' ').includes(HASH))
})
