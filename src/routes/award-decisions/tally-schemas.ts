// A cluster's award tally of a year: the numbers the seeds report, by title and by level.
import { Type } from 'typebox'
import { AWARD_LEVELS } from '../../domain/award.js'
import { titleCodeOf } from '../../http/common-schemas.js'
import { Count, INT32_MAX, Integer, NAME_MAX_LENGTH, ref, Uuid, Year } from '../../http/shared-schemas.js'
import { awardTallyExample } from './examples.js'
import { Level, Recipient } from './schemas.js'

export const AwardTally = Type.Object({
  clusterId: ref(Uuid),
  clusterName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  year: Year({ description: 'The year honoured.' }),
  collectives: Count({ description: 'Awards to units (tập thể), revoked ones excluded.' }),
  individuals: Count({ description: 'Awards to persons (cá nhân), revoked ones excluded.' }),
  total: Count(),
  revoked: Count({ description: 'Awards of the year in the cluster that were revoked (counted nowhere else).' }),
  byTitle: Type.Array(Type.Object({
    titleCode: titleCodeOf({ description: 'The title\'s code.' }),
    titleName: Type.String({ maxLength: NAME_MAX_LENGTH }),
    level: Level,
    recipient: Recipient,
    count: Integer(1, INT32_MAX)
  }), { maxItems: 1000, description: 'By title: Government, then Ministry, then unit level; collective before individual.' }),
  byLevel: Type.Array(Type.Object({
    level: Level,
    collectives: Count(),
    individuals: Count()
  }), { maxItems: AWARD_LEVELS.length, description: 'Every level, in order: government, ministry, unit.' })
}, {
  $id: 'ClusterAwardTally',
  description: 'A cluster\'s awards of a year (seed 002: "120 tập thể và 357 cá nhân … đã được lãnh đạo các cấp khen thưởng"), revoked awards excluded.',
  examples: [awardTallyExample]
})

export const TallyQuery = Type.Object({ year: Year({ description: 'The year honoured.' }) }, { additionalProperties: false })

export const tallySchemas = [AwardTally]
