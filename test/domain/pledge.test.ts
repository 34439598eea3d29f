import t from 'tap'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { DomainError } from '../../src/domain/errors.js'
import type { Period } from '../../src/domain/membership.js'
import {
  assertEditable, assertMayCreateVersion, assertMayOpen, assertMaySign, assertRegisteredTitles, canonicalContent,
  comesIntoForce, contentHash, isSupersededByNext, normalizeContent, PLEDGE_STATUSES, sha256Hex, type HashedContent, type PledgeStatus
} from '../../src/domain/pledge.js'
import { outcome } from '../helpers/outcome.js'

const CLUSTER = '5dd2c280-701b-42a3-9e8f-23498ab8a5a9'
const VKHHS = 'f9e05390-232a-4263-ac98-75069d235b45'
const CSGT = '35198435-d1f3-4b44-abcd-bc8c29b30ed8'

const pledge2022: HashedContent = {
  clusterId: CLUSTER,
  year: 2022,
  versionNumber: 1,
  title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022',
  slogan: 'Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả',
  commitments: [
    { text: 'Hoàn thành xuất sắc nhiệm vụ chính trị được giao.', target: null },
    { text: 'Giảm số vụ tai nạn giao thông.', target: { value: 5, unit: '%', direction: 'lower_is_better', description: null } }
  ],
  registeredTitles: [{ unitId: CSGT, titleCode: 'ministry_flag' }, { unitId: VKHHS, titleCode: 'government_flag' }]
}

t.test('normalizeContent: one stored form', async (t) => {
  const table: Array<[string, Parameters<typeof normalizeContent>[0], Partial<ReturnType<typeof normalizeContent>>]> = [
    ['NFD and spaces in title and slogan', { title: '  Giao  ước\tthi đua '.normalize('NFD'), slogan: 'Đổi mới,  Chủ động'.normalize('NFD'), commitments: [], registeredTitles: [] },
      { title: 'Giao ước thi đua', slogan: 'Đổi mới, Chủ động' }],
    ['a commitment keeps its line breaks, trimmed', { title: 'A', slogan: 'B', commitments: [{ text: ' Dòng một\nDòng hai \n' }], registeredTitles: [] },
      { commitments: [{ text: 'Dòng một\nDòng hai', target: null }] }],
    ['a target gets its defaults', { title: 'A', slogan: 'B', commitments: [{ text: 'C', target: { value: 100, unit: ' % ' } }], registeredTitles: [] },
      { commitments: [{ text: 'C', target: { value: 100, unit: '%', direction: 'higher_is_better', description: null } }] }],
    ['null target, blank description, -0', { title: 'A', slogan: 'B', commitments: [{ text: 'C', target: null }, { text: 'D', target: { value: -0, unit: 'vụ', direction: 'lower_is_better', description: '  ' } }], registeredTitles: [] },
      { commitments: [{ text: 'C', target: null }, { text: 'D', target: { value: 0, unit: 'vụ', direction: 'lower_is_better', description: null } }] }],
    ['registered titles sorted by unit then title, ids lower case', {
      title: 'A',
      slogan: 'B',
      commitments: [],
      registeredTitles: [{ unitId: VKHHS.toUpperCase(), titleCode: 'ministry_flag' }, { unitId: CSGT, titleCode: 'ministry_flag' }, { unitId: VKHHS, titleCode: 'government_flag' }]
    }, { registeredTitles: [{ unitId: CSGT, titleCode: 'ministry_flag' }, { unitId: VKHHS, titleCode: 'government_flag' }, { unitId: VKHHS, titleCode: 'ministry_flag' }] }]
  ]
  for (const [name, input, expected] of table) t.match(normalizeContent(input), expected, name)
  t.ok(Object.is(normalizeContent({ title: 'A', slogan: 'B', commitments: [{ text: 'C', target: { value: -0, unit: 'x' } }], registeredTitles: [] }).commitments[0].target!.value, 0), '-0 is stored as 0')
})

t.test('canonicalContent and contentHash: a known vector', async (t) => {
  const canonical = canonicalContent(pledge2022)
  t.equal(canonical.slice(0, 60), '{"clusterId":"5dd2c280-701b-42a3-9e8f-23498ab8a5a9","commitm')
  t.notMatch(canonical, /\s"|":\s/, 'no white space between tokens')
  t.equal(contentHash(pledge2022), createHash('sha256').update(canonical).digest('hex'))
  t.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'SHA-256 of the empty string')
  t.match(contentHash(pledge2022), /^[0-9a-f]{64}$/)
  // Fields beyond the content (status, ids, timestamps) do not enter the hash.
  t.equal(contentHash({ ...pledge2022, status: 'open', id: 'x', version: 9 } as HashedContent), contentHash(pledge2022))
  const changes: Array<[string, HashedContent]> = [
    ['cluster', { ...pledge2022, clusterId: '00000000-0000-4000-8000-000000000000' }],
    ['year', { ...pledge2022, year: 2023 }],
    ['version number', { ...pledge2022, versionNumber: 2 }],
    ['title', { ...pledge2022, title: pledge2022.title + '.' }],
    ['slogan', { ...pledge2022, slogan: 'Kỷ cương, Trách nhiệm, Hiệu quả' }],
    ['commitment order', { ...pledge2022, commitments: [...pledge2022.commitments].reverse() }],
    ['target value', { ...pledge2022, commitments: [pledge2022.commitments[0], { ...pledge2022.commitments[1], target: { ...pledge2022.commitments[1].target!, value: 6 } }] }],
    ['target direction', { ...pledge2022, commitments: [pledge2022.commitments[0], { ...pledge2022.commitments[1], target: { ...pledge2022.commitments[1].target!, direction: 'higher_is_better' } }] }],
    ['a registered title', { ...pledge2022, registeredTitles: pledge2022.registeredTitles.slice(1) }]
  ]
  for (const [name, changed] of changes) t.not(contentHash(changed), contentHash(pledge2022), `${name} changes the hash`)
})

const arbitraryContent = fc.record({
  title: fc.string({ minLength: 1, maxLength: 30 }),
  slogan: fc.string({ minLength: 1, maxLength: 30 }),
  commitments: fc.array(fc.record({
    text: fc.string({ minLength: 1, maxLength: 30 }),
    target: fc.option(fc.record({
      value: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      unit: fc.constantFrom('%', 'vụ', 'đối tượng', 'lượt'),
      direction: fc.constantFrom('higher_is_better' as const, 'lower_is_better' as const),
      description: fc.option(fc.string({ maxLength: 20 }))
    }), { nil: null })
  }), { maxLength: 5 }),
  registeredTitles: fc.uniqueArray(fc.record({ unitId: fc.uuid(), titleCode: fc.constantFrom('government_flag', 'ministry_flag', 'ministry_certificate') }),
    { maxLength: 6, selector: (r) => `${r.unitId} ${r.titleCode}` })
})

t.test('property: the hash ignores form (NFD, outer spaces, registration order, key order) and follows content', async (t) => {
  fc.assert(fc.property(arbitraryContent, fc.integer({ min: 1, max: 5 }), (input, versionNumber) => {
    const base = { clusterId: CLUSTER, year: 2022, versionNumber }
    const hash = contentHash({ ...base, ...normalizeContent(input) })
    // The same content, written differently.
    const messy = {
      registeredTitles: [...input.registeredTitles].reverse(),
      commitments: input.commitments.map((c) => (c.target === null ? { text: ` ${c.text.normalize('NFD')} ` } : { target: { ...c.target }, text: c.text.normalize('NFD') })),
      slogan: ` ${input.slogan.normalize('NFD')}`,
      title: `${input.title} `
    }
    const same = contentHash({ ...normalizeContent(messy), ...base })
    // Normalising twice changes nothing.
    const twice = contentHash({ ...base, ...normalizeContent(normalizeContent(input)) })
    const other = contentHash({ ...base, ...normalizeContent(input), versionNumber: versionNumber + 1 })
    return same === hash && twice === hash && other !== hash
  }))
  fc.assert(fc.property(arbitraryContent, fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== '' && s.normalize('NFC').trim() === s), (input, extra) => {
    const content = normalizeContent({ ...input, commitments: [...input.commitments, { text: 'Cam kết' }] })
    const changed = { ...content, commitments: content.commitments.map((c, i) => (i === content.commitments.length - 1 ? { ...c, text: `${c.text} ${extra}` } : c)) }
    return contentHash({ clusterId: CLUSTER, year: 2022, versionNumber: 1, ...content }) !==
      contentHash({ clusterId: CLUSTER, year: 2022, versionNumber: 1, ...changed })
  }))
  t.pass('held')
})

t.test('assertRegisteredTitles: members of the cluster in the year, each title once per unit', async (t) => {
  const members: Array<Period & { unitId: string }> = [
    { unitId: VKHHS, from: '2021-01-01', until: null },
    { unitId: CSGT, from: '2018-01-01', until: '2022-01-01' }, // left when 2022 began
    { unitId: 'pccc', from: '2022-12-31', until: null } // joined on the last day of 2022
  ]
  const table: Array<[string, number, Array<{ unitId: string, titleCode: string }>, string]> = [
    ['none registered', 2022, [], 'ok'],
    ['a member', 2022, [{ unitId: VKHHS, titleCode: 'government_flag' }], 'ok'],
    ['a member in upper case', 2022, [{ unitId: VKHHS.toUpperCase(), titleCode: 'government_flag' }], 'ok'],
    ['two titles for one unit', 2022, [{ unitId: VKHHS, titleCode: 'government_flag' }, { unitId: VKHHS, titleCode: 'ministry_flag' }], 'ok'],
    ['a member for one day of the year', 2022, [{ unitId: 'pccc', titleCode: 'ministry_flag' }], 'ok'],
    ['the same title twice', 2022, [{ unitId: VKHHS, titleCode: 'ministry_flag' }, { unitId: VKHHS.toUpperCase(), titleCode: 'ministry_flag' }], 'rule:pledge_title_registered_twice'],
    ['left before the year', 2022, [{ unitId: CSGT, titleCode: 'ministry_flag' }], 'rule:pledge_unit_not_member'],
    ['a member in 2021', 2021, [{ unitId: CSGT, titleCode: 'ministry_flag' }], 'ok'],
    ['a stranger', 2022, [{ unitId: 'stranger', titleCode: 'ministry_flag' }], 'rule:pledge_unit_not_member']
  ]
  for (const [name, year, titles, expected] of table) t.equal(outcome(() => assertRegisteredTitles(year, titles, members)), expected, name)
  try {
    assertRegisteredTitles(2022, [{ unitId: CSGT, titleCode: 'ministry_flag' }, { unitId: 'stranger', titleCode: 'ministry_flag' }], members)
  } catch (error) {
    t.same((error as DomainError).details, { unitIds: [CSGT, 'stranger'] }, 'names every outsider')
    t.match((error as DomainError).message, /^Units /)
  }
})

t.test('lifecycle guards', async (t) => {
  const table: Array<[string, () => void, string]> = [
    ...PLEDGE_STATUSES.map((status): [string, () => void, string] =>
      [`edit ${status}`, () => assertEditable(status), status === 'draft' ? 'ok' : 'conflict:pledge_not_editable']),
    ['open a draft', () => assertMayOpen({ status: 'draft', commitments: [{}] }), 'ok'],
    ['open an empty draft', () => assertMayOpen({ status: 'draft', commitments: [] }), 'rule:pledge_without_commitments'],
    ...(['open', 'in_force', 'superseded'] as const).map((status): [string, () => void, string] =>
      [`open ${status}`, () => assertMayOpen({ status, commitments: [{}] }), 'conflict:pledge_not_draft']),
    ['version an open pledge', () => assertMayCreateVersion({ status: 'open' }, null), 'ok'],
    ['version a pledge in force', () => assertMayCreateVersion({ status: 'in_force' }, null), 'ok'],
    ['version a draft', () => assertMayCreateVersion({ status: 'draft' }, null), 'conflict:pledge_not_open'],
    ['version one with a newer version', () => assertMayCreateVersion({ status: 'open' }, 2), 'conflict:pledge_has_newer_version'],
    ['version a superseded one', () => assertMayCreateVersion({ status: 'superseded' }, 3), 'conflict:pledge_has_newer_version']
  ]
  for (const [name, fn, expected] of table) t.equal(outcome(fn), expected, name)
})

t.test('isSupersededByNext: opening a new version supersedes the one before only while it is open or in force', async (t) => {
  t.same(PLEDGE_STATUSES.filter(isSupersededByNext), ['open', 'in_force'])
})

t.test('assertMaySign: open versions, members on the date, once', async (t) => {
  const members = ['a', 'b', 'c']
  const table: Array<[PledgeStatus, string, string[], string]> = [
    ['open', 'a', [], 'ok'],
    ['in_force', 'a', [], 'ok'], // a unit that joined after the version came into force
    ['draft', 'a', [], 'conflict:pledge_not_open'],
    ['superseded', 'a', [], 'conflict:pledge_not_open'],
    ['open', 'a', ['a'], 'conflict:pledge_already_signed'],
    ['open', 'z', [], 'rule:pledge_signer_not_member'],
    ['draft', 'z', ['z'], 'conflict:pledge_not_open'] // the lifecycle first
  ]
  for (const [status, unitId, signed, expected] of table) {
    t.equal(outcome(() => assertMaySign(status, unitId, members, signed, '2022-03-29')), expected, `${status} ${unitId} after ${signed.join(',') || 'none'}`)
  }
  try {
    assertMaySign('open', 'z', members, [], '2022-03-29')
  } catch (error) {
    t.same((error as DomainError).details, { unitId: 'z', on: '2022-03-29' })
  }
})

t.test('comesIntoForce: an open version when every member on the date has signed', async (t) => {
  const table: Array<[PledgeStatus, string[], string[], boolean]> = [
    ['open', ['a', 'b'], ['a', 'b'], true],
    ['open', ['a', 'b'], ['b', 'a', 'x'], true], // a unit that signed and left still counts for nothing
    ['open', ['a', 'b'], ['a'], false],
    ['open', [], [], false], // no members: nothing to bring into force
    ['in_force', ['a'], ['a'], false], // already in force: never twice
    ['draft', ['a'], ['a'], false],
    ['superseded', ['a'], ['a'], false]
  ]
  for (const [status, members, signed, expected] of table) t.equal(comesIntoForce(status, members, signed), expected, `${status} ${members} / ${signed}`)
  fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1 }), fc.uniqueArray(fc.integer({ min: 0, max: 20 })), (members, signed) => {
    const expected = members.every((m) => signed.includes(m))
    return comesIntoForce('open', members.map(String), signed.map(String)) === expected
  }))
  // Signing one at a time in any order, exactly the last member's signature brings it into force.
  fc.assert(fc.property(fc.shuffledSubarray(['a', 'b', 'c', 'd', 'e', 'f'], { minLength: 6 }), (order) => {
    const members = ['a', 'b', 'c', 'd', 'e', 'f']
    const transitions = order.map((_, i) => comesIntoForce('open', members, order.slice(0, i + 1)))
    return transitions.filter(Boolean).length === 1 && transitions[5]
  }))
})
