// The examples of the summary reports' contract (see http/examples.ts): Cụm thi đua số 1's annual report for 2024,
// in the three parts every such report has, and Công an tỉnh Yên Bái's comment on its second part, accepted.
import { reportHash } from '../../domain/report.js'
import { EXAMPLE_IDS, EXAMPLE_OTHER_UNIT, EXAMPLE_YEAR } from '../../http/examples.js'

export const EXAMPLE_REPORT_ID = '8b2d4f6a-1c3e-4a5b-9d7f-0e2c4a6b8d1f'
export const EXAMPLE_COMMENT_ID = '1a3c5e7b-9d2f-4b6a-8c0e-3f5a7b9c1d2e'

export const EXAMPLE_SECTIONS = [
  {
    code: 'I',
    title: 'Kết quả thực hiện phong trào thi đua',
    text: 'Năm 2024, các đơn vị trong Cụm đã triển khai sâu rộng phong trào thi đua "Vì an ninh Tổ quốc", hoàn thành ' +
      'và hoàn thành vượt mức các chỉ tiêu giao ước thi đua đã ký kết.'
  },
  { code: 'II', title: 'Tồn tại, hạn chế', text: 'Việc tự chấm điểm, gửi hồ sơ thi đua của một số đơn vị còn chậm so với thời hạn.' },
  { code: 'III', title: `Phương hướng năm ${EXAMPLE_YEAR + 1}`, text: 'Tiếp tục đổi mới nội dung, hình thức tổ chức phong trào thi đua; nâng cao chất lượng chấm điểm, bình xét.' }
]

export const EXAMPLE_REPORT_HASH = reportHash({
  clusterId: EXAMPLE_IDS.cluster, period: 'annual', year: EXAMPLE_YEAR, sections: EXAMPLE_SECTIONS, conferenceId: EXAMPLE_IDS.conference
})

export const EXAMPLE_COMMENT = {
  unitId: EXAMPLE_IDS.otherUnit,
  sectionCode: 'II',
  text: 'Đề nghị bổ sung nguyên nhân của hạn chế: thời hạn gửi hồ sơ trùng với đợt cao điểm tấn công trấn áp tội phạm.'
}

export const EXAMPLE_ANSWER = {
  disposition: 'accepted',
  answer: 'Tiếp thu; đã bổ sung nguyên nhân vào mục II của dự thảo.'
} as const

export const commentExample = {
  id: EXAMPLE_COMMENT_ID,
  reportId: EXAMPLE_REPORT_ID,
  ...EXAMPLE_COMMENT,
  unitName: EXAMPLE_OTHER_UNIT.name,
  onBehalf: false,
  createdBy: { sub: 'ca-yen-bai', role: 'unit' },
  ...EXAMPLE_ANSWER,
  answeredAt: '2024-12-16T03:00:00.000Z',
  version: 2,
  createdAt: '2024-12-12T08:15:00.000Z',
  updatedAt: '2024-12-16T03:00:00.000Z'
}
