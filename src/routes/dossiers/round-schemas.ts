// The Ministry's roll-up of a year's proposals, by title across clusters (GET /v1/award-rounds/{year}).
import { Type } from 'typebox'
import { TitleCode } from '../../http/common-schemas.js'
import { EXAMPLE_YEAR } from '../../http/examples.js'
import { Count, Integer, NAME_MAX_LENGTH, ref, Uuid, Year } from '../../http/shared-schemas.js'
import { awardRoundExample } from './examples.js'
import { DossierStatus, ProposalStatus, Ranking, TitleYear } from './schemas.js'

/** Proposals in a year's roll-up, per title: about 100 clusters ministry-wide, each proposing a few units per title. */
const MAX_ROUND_PROPOSALS = 10_000

export const AwardRoundLine = Type.Object({
  proposalId: ref(Uuid),
  clusterId: ref(Uuid),
  clusterName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  vote: Type.Object({ round: Integer(1, 100), votes: Count(), ballotsCast: Count(), electorate: Count() }),
  ranking: Type.Union([Type.Object({
    ...Ranking.properties,
    rankedUnits: Count({ description: 'How many units the cluster\'s ranking has: rank 1 of 8.' })
  }), Type.Null()], { description: 'The unit\'s line of its cluster\'s finalized ranking of the year; null while not finalized.' }),
  dossier: Type.Union([Type.Object({ dossierId: ref(Uuid), status: DossierStatus, proposalStatus: ProposalStatus }), Type.Null()], {
    description: 'The dossier carrying the proposal; null while none does.'
  })
}, { $id: 'AwardRoundLine' })

export const AwardRound = Type.Object({
  year: TitleYear,
  clustersActive: Count({ description: 'Clusters founded by 31 December of the year: one leading unit each, the base of the Government flag\'s quota.' }),
  titles: Type.Array(Type.Object({
    titleCode: TitleCode,
    titleName: Type.String({ maxLength: NAME_MAX_LENGTH }),
    quota: Type.Union([Type.Object({
      basis: Type.Enum(['cluster_leading_units', 'per_cluster']),
      limit: Count({ description: 'The ceiling: ministry-wide (cluster_leading_units, rounded down) or per cluster.' })
    }), Type.Null()], { description: 'The title\'s quota rule from the catalogue; null when it has none.' }),
    accepted: Count({ description: 'Proposals the Ministry accepted (decided since included), ministry-wide.' }),
    waiting: Count({ description: 'Proposals in dossiers submitted to the Ministry and not decided on yet.' }),
    proposals: Type.Array(ref(AwardRoundLine), { maxItems: MAX_ROUND_PROPOSALS, description: 'By cluster number, then unit name.' })
  }), { maxItems: 100, description: 'Each title proposed that year, by code; the catalogue has a handful.' })
}, {
  $id: 'AwardRound',
  description: 'The Ministry\'s roll-up of a year\'s proposals (xét khen thưởng): by title across clusters.',
  examples: [awardRoundExample]
})

export const AwardRoundParams = Type.Object({ year: Year({ description: 'The year the titles honour.', examples: [EXAMPLE_YEAR] }) })

export const AwardRoundQuery = Type.Object({
  // No default: a format left out lets the Accept header choose.
  format: Type.Optional(Type.Enum(['json', 'xlsx'], {
    description: 'The representation, overriding the Accept header when both are given: `json` or `xlsx` (an Excel workbook). ' +
      'Without it, Accept chooses; JSON when Accept is absent or `*/*`.'
  }))
}, { additionalProperties: false })

export const awardRoundSchemas = [AwardRoundLine, AwardRound]
