// Plain data for the document builders: Cụm thi đua số 5's 2022 pledge and Cụm 6's mid-year review of 2024.
import type { PledgeDocumentData } from '../../src/documents/pledge-document.js'
import type { MinutesDocumentData } from '../../src/documents/minutes-document.js'
import { CLUSTER_5_UNITS, SLOGAN_2022 } from '../helpers/pledges.js'
import { CLUSTER_6_UNITS } from '../helpers/conferences.js'

export const HASH = 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdefabcdef0123'

export const SIGNERS = ['Trần Việt Kiều', 'Nguyễn Văn Hùng', 'Lê Thị Phương Thảo', 'Phạm Quốc Hưng', 'Đỗ Đức Thịnh', 'Vũ Ngọc Ánh']

export function pledgeData (overrides: Partial<PledgeDocumentData> = {}): PledgeDocumentData {
  return {
    issuer: ['Bộ Công an', 'Cụm thi đua số 5'],
    place: 'Hà Nội',
    date: '2022-03-29',
    createdAt: new Date('2022-03-29T09:30:00Z'),
    year: 2022,
    versionNumber: 1,
    status: 'in_force',
    title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022',
    slogan: SLOGAN_2022,
    commitments: [
      { text: 'Hoàn thành xuất sắc nhiệm vụ chính trị được giao, vượt mức các chỉ tiêu thi đua.', target: null },
      {
        text: 'Tiếp nhận, phân loại, xử lý tin báo, tố giác về tội phạm.',
        target: { value: 100, unit: '%', direction: 'higher_is_better', description: 'tin báo, tố giác được tiếp nhận, xử lý' }
      },
      { text: 'Giảm số vụ tai nạn giao thông so với năm 2021.', target: { value: 2.5, unit: '%', direction: 'lower_is_better', description: null } }
    ],
    registeredTitles: CLUSTER_5_UNITS.map((unitName, i) => ({
      unitName, titleName: i === 0 ? 'Cờ thi đua của Chính phủ' : 'Cờ thi đua của Bộ Công an'
    })),
    signatures: CLUSTER_5_UNITS.map((unitName, i) => ({
      unitName,
      signerName: SIGNERS[i],
      signerPosition: i === 0 ? 'Viện trưởng' : 'Cục trưởng',
      signedAt: `2022-03-29T0${8 + Math.floor(i / 3)}:${String(10 * i).padStart(2, '0')}:00.000Z`,
      onBehalf: i % 2 === 1
    })),
    contentHash: HASH,
    inForceAt: '2022-03-29T09:30:00.000Z',
    ...overrides
  }
}

export function minutesData (overrides: Partial<MinutesDocumentData> = {}): MinutesDocumentData {
  return {
    issuer: ['Bộ Công an', 'Cụm thi đua số 6'],
    place: 'Hà Nội',
    date: '2024-07-30',
    createdAt: new Date('2024-07-31T02:00:00Z'),
    kind: 'mid_year_review',
    status: 'finalized',
    title: 'Hội nghị sơ kết phong trào thi đua “Vì an ninh Tổ quốc” 6 tháng đầu năm 2024',
    heldAt: '2024-07-30T07:00:00.000Z',
    location: 'Hội trường Cục Đối ngoại, Hà Nội',
    chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng Cục Đối ngoại', unitName: 'Cục Đối ngoại' },
    secretary: { name: 'Nguyễn Thị Lan', rank: 'Đại úy', position: 'Phó Trưởng phòng Tham mưu' },
    presentUnits: CLUSTER_6_UNITS,
    absentUnits: [],
    guests: [{ name: 'Đinh Văn Toản', rank: 'Thiếu tướng', position: 'Phó Cục trưởng', organisation: 'Cục Công tác chính trị' }],
    quorum: { required: { numerator: 2, denominator: 3, comparison: 'at_least' }, members: 6, attending: 6, met: true },
    agenda: [
      'Báo cáo kết quả phong trào thi đua 6 tháng đầu năm 2024',
      'Các đơn vị đánh giá ưu điểm, tồn tại, hạn chế',
      'Nhiệm vụ, giải pháp 6 tháng cuối năm 2024'
    ],
    minutes: 'Các đơn vị trong Cụm đã hoàn thành theo đúng chương trình công tác đề ra trong 6 tháng đầu năm 2024.\nHội nghị thống nhất đánh giá.',
    decisions: [
      'Tăng cường công tác giáo dục chính trị, tư tưởng; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.',
      'Tổ chức thêm hoạt động giao lưu văn hóa, văn nghệ, thể thao giữa các đơn vị trong Cụm.'
    ],
    awardTally: { collectives: 120, individuals: 357 },
    adopted: { documents: [], reports: [], advisoryDecision: null },
    pledge: null,
    elections: [],
    flagHandover: { fromUnitName: 'Cục Hồ sơ nghiệp vụ', toUnitName: 'Cục Đối ngoại', year: 2024 },
    hash: HASH,
    ...overrides
  }
}
