// Which bytes of a file a download sends: the one range a Range header asks for, and whether If-Range still lets it.
import t from 'tap'
import { rangeStillApplies, requestedRange } from '../../src/domain/files.js'

t.test('a Range header asks for one range, or the whole file, or is past the end', async (t) => {
  const size = 100
  const cases: Array<[string | undefined, ReturnType<typeof requestedRange>]> = [
    [undefined, undefined],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=90-', { start: 90, end: 99 }],
    ['bytes=-5', { start: 95, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=10-5000', { start: 10, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=9-3', undefined],
    ['bytes=0-1,5-9', undefined],
    ['lines=1-2', undefined],
    ['bytes=-', undefined]
  ]
  for (const [header, expected] of cases) t.same(requestedRange(header, size), expected, String(header))
})

t.test('If-Range lets the range through only with the current strong tag', async (t) => {
  const tag = '"sha256-abc"'
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, true],
    [tag, true],
    [` ${tag} `, true],
    ['"sha256-other"', false],
    [`W/${tag}`, false],
    ['Tue, 01 Dec 2026 10:00:00 GMT', false],
    ['', false]
  ]
  for (const [ifRange, expected] of cases) t.equal(rangeStillApplies(ifRange, tag), expected, String(ifRange))
})
