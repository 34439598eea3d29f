// The example of the conferences' contract (see http/examples.ts).
import { EXAMPLE_IDS, EXAMPLE_YEAR } from '../../http/examples.js'

// The example cluster's mid-year review of 2024, held on the afternoon of 30 July (as Cụm thi đua số 6 held
// its own, in the seeds), chaired by the head unit, Lào Cai, with Yên Bái attending: both members present. The
// minutes are kept by an officer of the head unit's staff office.
export const EXAMPLE_NEW_CONFERENCE = {
  kind: 'mid_year_review',
  title: `Hội nghị sơ kết phong trào thi đua "Vì an ninh Tổ quốc" 6 tháng đầu năm ${EXAMPLE_YEAR}`,
  year: EXAMPLE_YEAR,
  heldAt: '2024-07-30T07:00:00.000Z',
  location: 'Lào Cai',
  chair: { name: 'Hoàng Văn Thắng', rank: 'Đại tá', position: 'Giám đốc Công an tỉnh Lào Cai', unitId: EXAMPLE_IDS.unit },
  secretary: { name: 'Nguyễn Thị Lan', rank: 'Đại úy', position: 'Phó Trưởng phòng Tham mưu' },
  attendingUnitIds: [EXAMPLE_IDS.otherUnit],
  agenda: [`Báo cáo sơ kết phong trào thi đua 6 tháng đầu năm ${EXAMPLE_YEAR}`, 'Phương hướng, nhiệm vụ 6 tháng cuối năm']
}
