// The examples of the cluster documents' contract (see http/examples.ts): the example cluster's operating
// regulations for the example year, after seed 004 ("… quy chế hoạt động …" adopted at the conference opening the
// year), adopted (as revised) at the example conference, the mid-year review of 30 July.
import { EXAMPLE_CLUSTER_NAME, EXAMPLE_IDS } from '../../http/examples.js'

export const EXAMPLE_DOCUMENT_ID = '3e1f5a7c-9b2d-4c6e-8a0f-1b3d5e7a9c2e'

export const EXAMPLE_DOCUMENT_BODY = {
  kind: 'operating_regulations',
  year: 2024,
  title: `Quy chế hoạt động của ${EXAMPLE_CLUSTER_NAME}`,
  chapters: [
    {
      title: 'Quy định chung',
      articles: [
        {
          title: 'Phạm vi điều chỉnh',
          clauses: [`Quy chế này quy định về tổ chức, nguyên tắc hoạt động, nội dung thi đua, chấm điểm, bình xét khen thưởng của ${EXAMPLE_CLUSTER_NAME}.`]
        },
        {
          title: 'Nguyên tắc hoạt động',
          clauses: [
            'Cụm hoạt động theo nguyên tắc tự nguyện, tự giác, công khai, dân chủ, đoàn kết, hợp tác cùng phát triển.',
            'Đơn vị Cụm trưởng, Cụm phó được luân phiên theo thứ tự do Hội nghị Cụm thống nhất.'
          ]
        }
      ]
    }
  ]
} as const

export const EXAMPLE_ADOPTION = { conferenceId: EXAMPLE_IDS.conference, adoptedOn: '2024-07-30' }

export const EXAMPLE_HASH = '9b8f2c4d6e1a3b5c7d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e'
