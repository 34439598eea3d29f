import t from 'tap'
import fc from 'fast-check'
import { attendanceRoll, placeAfterChange, placeFromLocation, printedPlace } from '../../src/domain/minutes.js'

t.test('placeFromLocation: the province or city an address ends with', async (t) => {
  const table: Array<[string | null, string | null]> = [
    ['Hội trường Công an Thành phố Hồ Chí Minh, 268 Trần Hưng Đạo, Quận 1, Thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh'],
    ['Hội trường Cục Đối ngoại, Hà Nội', 'Hà Nội'],
    ['Lào Cai', 'Lào Cai'],
    ['Trụ sở Công an tỉnh, tỉnh Lào Cai', 'Lào Cai'],
    ['Số 7 Lê Duẩn,  TP. Hồ Chí Minh ', 'Thành phố Hồ Chí Minh'],
    ['Hội trường A,', 'Hội trường A'],
    [' , ', null],
    [null, null]
  ]
  for (const [location, place] of table) t.equal(placeFromLocation(location), place, `${location} → ${place}`)
})

t.test('placeAfterChange: a place given wins; one that follows the location keeps following it', async (t) => {
  const hcm = 'Hội trường, Quận 1, Thành phố Hồ Chí Minh'
  const table: Array<[{ place: string | null, location: string | null }, { place?: string | null, location?: string | null }, string | null, string]> = [
    [{ place: null, location: null }, { place: null, location: hcm }, 'Thành phố Hồ Chí Minh', 'created without a place: the location\'s'],
    [{ place: null, location: null }, { place: ' Thủ  Đức ', location: hcm }, 'Thủ Đức', 'created with one: it, in its stored form'],
    [{ place: 'Hà Nội', location: 'Hội trường, Hà Nội' }, { location: hcm }, 'Thành phố Hồ Chí Minh', 'the location moves, the place follows'],
    [{ place: 'Hà Nội', location: 'Hội trường, Hải Phòng' }, { location: hcm }, 'Hà Nội', 'a place set apart stays'],
    [{ place: 'Hà Nội', location: 'Hội trường, Hải Phòng' }, { place: null }, 'Hải Phòng', 'null: back to the location\'s'],
    [{ place: 'Hà Nội', location: 'Hội trường, Hà Nội' }, { location: null }, null, 'no location any more: none'],
    [{ place: 'Hà Nội', location: 'Hội trường, Hà Nội' }, {}, 'Hà Nội', 'nothing changes']
  ]
  for (const [before, change, after, why] of table) t.equal(placeAfterChange(before, change), after, why)
})

t.test('printedPlace: the record\'s place, the location\'s, else the issuing body\'s seat', async (t) => {
  t.equal(printedPlace('Thành phố Hồ Chí Minh', 'Hội trường, Hà Nội', 'Bộ Công an'), 'Thành phố Hồ Chí Minh')
  t.equal(printedPlace(null, 'Hội trường, Hà Nội', 'Công an tỉnh Lào Cai'), 'Hà Nội')
  t.equal(printedPlace(null, null, 'Công an tỉnh Lào Cai'), 'Lào Cai')
  t.equal(printedPlace(null, null, 'Bộ Công an'), 'Hà Nội')
})

t.test('attendanceRoll: every member present once, the chair\'s unit first; the others absent', async (t) => {
  t.same(attendanceRoll(['a', 'b', 'c', 'd'], ['b', 'c'], 'a'), { present: ['a', 'b', 'c'], absent: ['d'] })
  t.same(attendanceRoll(['a', 'b'], ['b', 'a'], 'a'), { present: ['a', 'b'], absent: [] }, 'the chair\'s unit also listed as attending')
  t.same(attendanceRoll(['a', 'b'], ['b'], 'ministry'), { present: ['b'], absent: ['a'] }, 'a chair from outside the cluster is no member')
  t.same(attendanceRoll(['a', 'b'], [], null), { present: [], absent: ['a', 'b'] })
  fc.assert(fc.property(
    fc.uniqueArray(fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 7 }),
    fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'x'), { maxLength: 8 }),
    fc.option(fc.constantFrom('a', 'b', 'x'), { nil: null }),
    (members, attending, chair) => {
      const { present, absent } = attendanceRoll(members, attending, chair)
      // Present and absent split the members exactly: each member once, in one of the two.
      const split = [...present, ...absent].sort().join() === [...members].sort().join()
      const chairFirst = chair === null || !members.includes(chair) || present[0] === chair
      return split && chairFirst
    }
  ), { numRuns: 200 })
})
