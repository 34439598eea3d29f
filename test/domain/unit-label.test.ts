import t from 'tap'
import { idsIn, nameUnits, unitLabel } from '../../src/domain/unit-label.js'
import { notEligibleDetail } from '../../src/domain/election.js'

const BN = 'b891edef-3c2a-4d5e-8f60-112233445566'
const HC = '6f1c2a4e-8b3d-4c5e-9f70-aabbccddeeff'
const SCHEME = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d'
const names = new Map([[BN, 'Công an tỉnh Bắc Ninh'], [HC, 'Cục Hậu cần'], [SCHEME, SCHEME]])

t.test('unitLabel: the name, then the id; the id alone when the name is unknown', async (t) => {
  t.equal(unitLabel(BN, 'Công an tỉnh Bắc Ninh'), `Công an tỉnh Bắc Ninh (${BN})`)
  t.equal(unitLabel(BN, undefined), BN)
  t.equal(unitLabel(BN, BN), BN, 'what unitNames gives for an id that names no unit')
})

t.test('nameUnits: each unit id written as its label, "Unit"/"Units" before it dropped', async (t) => {
  const table: Array<[string, string]> = [
    [`Unit ${BN} is not a member of the cluster on 2025-01-15, the signing date.`,
      `Công an tỉnh Bắc Ninh (${BN}) is not a member of the cluster on 2025-01-15, the signing date.`],
    [`Units ${BN}, ${HC} are not a member of the cluster on 2024-12-20.`,
      `Công an tỉnh Bắc Ninh (${BN}), Cục Hậu cần (${HC}) are not a member of the cluster on 2024-12-20.`],
    [`Unit ${BN} has no targets in scheme ${SCHEME}.`, `Công an tỉnh Bắc Ninh (${BN}) has no targets in scheme ${SCHEME}.`],
    [`awards[0]: unit ${HC} is proposed twice.`, `awards[0]: unit Cục Hậu cần (${HC}) is proposed twice.`],
    [`Already named: Cục Hậu cần (${HC}).`, `Already named: Cục Hậu cần (${HC}).`],
    [`Unit ${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)} is unknown.`, `Unit ${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)} is unknown.`],
    [`2 targets are missing: /targets/${BN}/I.1 is required; /targets/${HC} is required.`,
      `2 targets are missing: /targets/${BN}/I.1 is required; /targets/${HC} is required.`],
    ['No id here.', 'No id here.']
  ]
  for (const [message, expected] of table) t.equal(nameUnits(message, names), expected, message)
})

t.test('idsIn: every id of a message, once', async (t) => {
  t.same(idsIn(`Unit ${BN} and ${BN} in scheme ${SCHEME}`), [BN, SCHEME])
  t.same(idsIn('none'), [])
})

t.test('notEligibleDetail: each unit by id, why and where it stands, and that an admin may override; named as refusals are', async (t) => {
  const one = notEligibleDetail([{ unitId: BN, reason: 'below_ministry_flag_band', standing: { rank: 4, bandName: 'Tốt', total: 84.25 } }], 'ministry_flag', 2026)
  t.equal(one, `Not eligible for ministry_flag: ${BN} is below the Ministry-flag band in the finalized ranking of 2026 ` +
    '(rank 4, band "Tốt", 84.25 points). An admin may override the ranking with eligibilityOverride and a reason.', 'the id alone')
  t.equal(nameUnits(one, names),
    `Not eligible for ministry_flag: Công an tỉnh Bắc Ninh (${BN}) is below the Ministry-flag band in the finalized ranking of 2026 ` +
    '(rank 4, band "Tốt", 84.25 points). An admin may override the ranking with eligibilityOverride and a reason.', 'named by the unit of work')
  t.equal(nameUnits(notEligibleDetail([
    { unitId: BN, reason: 'under_discipline', standing: { rank: 2, bandName: 'Xuất sắc', total: 95 } },
    { unitId: HC, reason: 'not_ranked' }
  ], 'government_flag', 2026), names),
  `Not eligible for government_flag: Công an tỉnh Bắc Ninh (${BN}) is under discipline (pending or in force) in 2026, which bars it ` +
    `from every title (rank 2, band "Xuất sắc", 95.00 points); Cục Hậu cần (${HC}) is not in the finalized ranking of 2026. ` +
    'An admin may override the ranking with eligibilityOverride and a reason.')
})
