import t from 'tap'
import { camelCase, fieldsOf } from '../../src/db/row-fields.js'

t.test('camelCase: each underscore and the letter or digit after it become that character capitalized', async (t) => {
  const table: Array<[string, string]> = [
    ['id', 'id'],
    ['unit_id', 'unitId'],
    ['ballots_cast', 'ballotsCast'],
    ['added_by_sub', 'addedBySub'],
    ['sha256', 'sha256'],
    ['level_2_code', 'level2Code']
  ]
  for (const [column, field] of table) t.equal(camelCase(column), field, column)
})

t.test('fieldsOf: only the columns named, each under its field, in the order named', async (t) => {
  const row = { proposal_id: 'p1', ballots_cast: 7, decided_by: 'votes' as const, dossier_id: null, position: 3 }
  const fields: { proposalId: string, ballotsCast: number, dossierId: null } = fieldsOf(row, ['dossier_id', 'proposal_id', 'ballots_cast'])
  t.same(fields, { dossierId: null, proposalId: 'p1', ballotsCast: 7 })
  t.same(Object.keys(fields), ['dossierId', 'proposalId', 'ballotsCast'], 'the order of the list, which JSON keeps')
  t.notOk('position' in fields, 'a column not named is not read')
})
