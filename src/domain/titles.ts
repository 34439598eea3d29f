// The catalogue of titles (danh hiệu thi đua, hình thức khen thưởng): what each title is, who may receive it, the
// standard it needs and the quota it is held to, each with the legal text it comes from. Quotas and standards are
// data an admin can correct when a circular changes, not constants in code; the defaults below are what the
// service starts with (migration 021 stores them).

export const TITLE_LEVELS = ['government', 'ministry', 'unit'] as const
export type TitleLevel = typeof TITLE_LEVELS[number]

export const TITLE_RECIPIENTS = ['collective', 'individual'] as const
export type TitleRecipient = typeof TITLE_RECIPIENTS[number]

/**
 * What the cluster's finalized ranking must show for a collective title: nothing (`none`), a band at or above the
 * scheme's Ministry-flag band (`ministry_flag_band`), or first place with that band (`leads_cluster`).
 */
export const RANKING_STANDARDS = ['none', 'ministry_flag_band', 'leads_cluster'] as const
export type RankingStandard = typeof RANKING_STANDARDS[number]

export interface TitleStandard {
  ranking: RankingStandard
  /** Years in a row the standard must be met (Chiến sĩ thi đua CAND: three years as Chiến sĩ thi đua cơ sở). */
  consecutiveYears: number
  /** The standard in the words of its legal text, for people. */
  description: string
}

/**
 * How many of a title may be accepted: a share of the cluster-leading units ministry-wide, rounded down ("không
 * quá 20 %": 9 clusters allow 1, 10 allow 2), or a fixed number per cluster.
 */
export type QuotaRule =
  | { basis: 'cluster_leading_units', percent: number, rounding: 'down' }
  | { basis: 'per_cluster', max: number }

export const QUOTA_BASES = ['cluster_leading_units', 'per_cluster'] as const

export interface TitleFields {
  code: string
  name: string
  level: TitleLevel
  recipient: TitleRecipient
  standard: TitleStandard
  quota: QuotaRule | null
  legalBasis: string
}

export interface Title extends TitleFields {
  /** One of the defaults the service starts with (its code cannot be reused, it is never removed). */
  builtIn: boolean
  version: number
  createdAt: string
  updatedAt: string
}

/** The most years in a row any standard asks (Chiến sĩ thi đua toàn quốc: two terms of three years). */
export const MAX_CONSECUTIVE_YEARS = 10

/**
 * The quota's ceiling: a share of the leading units, counted in whole units and rounded down with integer
 * arithmetic (no float can turn 20 % of 10 into 1.9999), or the fixed number per cluster.
 */
export function quotaLimit (rule: QuotaRule, base: { leadingUnits: number }): number {
  if (rule.basis === 'per_cluster') return rule.max
  return Math.floor((base.leadingUnits * rule.percent) / 100)
}

/** The quota in words, for descriptions and documents: "20 % of 12 cluster-leading units, rounded down: 2". */
export function describeQuota (rule: QuotaRule, base: { leadingUnits: number }): string {
  if (rule.basis === 'per_cluster') return `at most ${rule.max} per cluster`
  const limit = quotaLimit(rule, base)
  return `${rule.percent} % of ${base.leadingUnits} cluster-leading unit${base.leadingUnits === 1 ? '' : 's'}, rounded down: ${limit}`
}

const CIRCULAR_12 = 'Thông tư số 12/2019/TT-BCA của Bộ trưởng Bộ Công an'
const LAW_2022 = 'Luật Thi đua, khen thưởng số 06/2022/QH15'

/** The titles the service starts with. Their texts are data: an admin corrects them (PATCH) when the rules change. */
export const DEFAULT_TITLES: readonly TitleFields[] = [
  {
    code: 'government_flag',
    name: 'Cờ thi đua của Chính phủ',
    level: 'government',
    recipient: 'collective',
    standard: {
      ranking: 'leads_cluster',
      consecutiveYears: 1,
      description: 'Tập thể tiêu biểu xuất sắc, dẫn đầu cụm thi đua và đạt tiêu chuẩn Cờ thi đua của Bộ Công an; không có cá nhân bị kỷ luật.'
    },
    quota: { basis: 'cluster_leading_units', percent: 20, rounding: 'down' },
    legalBasis: `${LAW_2022}, Điều 25; ${CIRCULAR_12}, Điều 18; Công văn số 5007/BNV-TĐKT (không quá 20 % tập thể dẫn đầu các cụm, khối thi đua).`
  },
  {
    code: 'ministry_flag',
    name: 'Cờ thi đua của Bộ Công an',
    level: 'ministry',
    recipient: 'collective',
    standard: {
      ranking: 'ministry_flag_band',
      consecutiveYears: 1,
      description: 'Tập thể hoàn thành xuất sắc nhiệm vụ, xếp loại từ mức Cờ thi đua của Bộ trở lên trong cụm; không có cá nhân bị kỷ luật.'
    },
    quota: null,
    legalBasis: `${LAW_2022}, Điều 26; ${CIRCULAR_12}.`
  },
  {
    code: 'ministry_certificate',
    name: 'Bằng khen của Bộ trưởng Bộ Công an (tập thể)',
    level: 'ministry',
    recipient: 'collective',
    standard: { ranking: 'none', consecutiveYears: 1, description: 'Tập thể có thành tích xuất sắc trong phong trào thi đua "Vì an ninh Tổ quốc".' },
    quota: null,
    legalBasis: `${LAW_2022}; ${CIRCULAR_12}.`
  },
  {
    code: 'ministry_certificate_individual',
    name: 'Bằng khen của Bộ trưởng Bộ Công an (cá nhân)',
    level: 'ministry',
    recipient: 'individual',
    standard: { ranking: 'none', consecutiveYears: 1, description: 'Cá nhân có thành tích xuất sắc trong phong trào thi đua "Vì an ninh Tổ quốc".' },
    quota: null,
    legalBasis: `${LAW_2022}; ${CIRCULAR_12}.`
  },
  {
    code: 'emulation_fighter',
    name: 'Chiến sĩ thi đua cơ sở',
    level: 'unit',
    recipient: 'individual',
    standard: { ranking: 'none', consecutiveYears: 1, description: 'Cán bộ, chiến sĩ đạt danh hiệu Chiến sĩ tiên tiến và có sáng kiến hoặc giải pháp được công nhận.' },
    quota: null,
    legalBasis: `${LAW_2022}; ${CIRCULAR_12}.`
  },
  {
    code: 'cand_emulation_fighter',
    name: 'Chiến sĩ thi đua Công an nhân dân',
    level: 'ministry',
    recipient: 'individual',
    standard: { ranking: 'none', consecutiveYears: 3, description: 'Ba lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở, có sáng kiến có phạm vi ảnh hưởng trong lực lượng Công an nhân dân.' },
    quota: null,
    legalBasis: `${LAW_2022}; ${CIRCULAR_12}.`
  }
]
