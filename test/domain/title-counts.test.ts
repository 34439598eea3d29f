// Counting by title, in the two shapes the service uses: the award tally (awards by title and level, a count per
// entry) and the Ministry's roll-up (proposals by title, counting those that match). Table first, then properties.
import t from 'tap'
import fc from 'fast-check'
import { countByTitle } from '../../src/domain/title-counts.js'

t.test('countByTitle, as the tally uses it: keyed by code and level, each entry adding its count', async (t) => {
  const entries = [
    { titleCode: 'ministry_flag', level: 'ministry', count: 4 },
    { titleCode: 'government_flag', level: 'government', count: 2 },
    { titleCode: 'ministry_flag', level: 'ministry', count: 1 },
    // The same code at another level (the catalogue changed it since): a title of its own.
    { titleCode: 'ministry_flag', level: 'government', count: 3 }
  ]
  const groups = countByTitle(entries, (e) => `${e.titleCode}|${e.level}`, { count: (e) => e.count })
  t.same(groups.map((g) => [g.key, g.counts.count, g.items.length]), [
    ['ministry_flag|ministry', 5, 2],
    ['government_flag|government', 2, 1],
    ['ministry_flag|government', 3, 1]
  ], 'titles in the order first met, counts summed')
  t.equal(groups[0].items[1], entries[2], 'each title keeps its items, in the order given')
})

t.test('countByTitle, as the roll-up uses it: keyed by code, counting the proposals that match', async (t) => {
  // [proposals as (title, proposal status, dossier status), expected [title, accepted, waiting, lines]]
  const table: Array<[Array<[string, string | null, string | null]>, Array<[string, number, number, number]>]> = [
    [[], []],
    [[['government_flag', null, null]], [['government_flag', 0, 0, 1]]],
    [[
      ['government_flag', 'accepted', 'accepted'], ['government_flag', 'decided', 'decided'], ['government_flag', 'proposed', 'submitted'],
      ['ministry_flag', 'proposed', 'submitted'], ['ministry_flag', 'not_accepted', 'accepted'], ['ministry_flag', null, null]
    ], [['government_flag', 2, 1, 3], ['ministry_flag', 0, 1, 3]]]
  ]
  for (const [rows, expected] of table) {
    const proposals = rows.map(([titleCode, proposalStatus, dossierStatus]) => ({ titleCode, proposalStatus, dossierStatus }))
    const groups = countByTitle(proposals, (p) => p.titleCode, {
      accepted: (p) => (p.proposalStatus === 'accepted' || p.proposalStatus === 'decided' ? 1 : 0),
      waiting: (p) => (p.dossierStatus === 'submitted' ? 1 : 0)
    })
    t.same(groups.map((g) => [g.key, g.counts.accepted, g.counts.waiting, g.items.length]), expected, JSON.stringify(rows))
  }
})

t.test('countByTitle, property: the titles split the items, in order, and each count sums to the count of all', async (t) => {
  const items = fc.array(fc.record({ code: fc.constantFrom('a', 'b', 'c', 'd'), n: fc.nat({ max: 1000 }) }), { maxLength: 200 })
  fc.assert(fc.property(items, (list) => {
    const groups = countByTitle(list, (i) => i.code, { n: (i) => i.n, one: () => 1 })
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
    return JSON.stringify(groups.map((g) => g.key)) === JSON.stringify([...new Set(list.map((i) => i.code))]) &&
      groups.every((g) => JSON.stringify(g.items) === JSON.stringify(list.filter((i) => i.code === g.key)) &&
        g.counts.n === sum(g.items.map((i) => i.n)) && g.counts.one === g.items.length) &&
      sum(groups.map((g) => g.counts.n)) === sum(list.map((i) => i.n)) &&
      sum(groups.map((g) => g.items.length)) === list.length
  }))
})
