import t from 'tap'
import fc from 'fast-check'
import { foldForSearch, nameKey, normalizeName, vietnameseSortKey } from '../../src/domain/text.js'

const nfd = (s: string) => s.normalize('NFD')
const icu = new Intl.Collator('vi')
const byKey = (a: string, b: string) => {
  const [x, y] = [vietnameseSortKey(a), vietnameseSortKey(b)]
  return x < y ? -1 : x > y ? 1 : 0
}

t.test('normalizeName stores NFC, trimmed, with single spaces', async (t) => {
  const table: Array<[string, string]> = [
    ['Cục Y tế', 'Cục Y tế'],
    [nfd('Cục Y tế'), 'Cục Y tế'],
    ['  Cục   Hậu\tcần \n', 'Cục Hậu cần'],
    ['Bệnh\u00a0viện 19.8', 'Bệnh viện 19.8'],
    ['', '']
  ]
  for (const [input, stored] of table) {
    t.equal(normalizeName(input), stored, JSON.stringify(input))
    t.ok(normalizeName(input) === normalizeName(input).normalize('NFC'))
  }
})

t.test('nameKey makes NFD/NFC, case and spacing variants of a name equal, and different names different', async (t) => {
  const key = nameKey('Cục Công nghiệp an ninh')
  for (const variant of [nfd('Cục Công nghiệp an ninh'), 'CỤC CÔNG NGHIỆP AN NINH', ' cục  công nghiệp   an ninh ', nfd('CỤC công Nghiệp an ninh')]) {
    t.equal(nameKey(variant), key, variant)
  }
  t.not(nameKey('Cục Công nghệ thông tin'), key)
  t.not(nameKey('Cuc Cong nghiep an ninh'), key, 'diacritics still tell names apart')
  t.equal(nameKey('ĐÀ NẴNG'), 'đà nẵng')
})

t.test('foldForSearch drops diacritics and case, đ included', async (t) => {
  const table: Array<[string, string]> = [
    ['Cục Y tế', 'cuc y te'],
    [nfd('Cục Y tế'), 'cuc y te'],
    ['Bệnh viện Y học cổ truyền', 'benh vien y hoc co truyen'],
    ['Cục Đối ngoại', 'cuc doi ngoai'],
    ['ĐƯỜNG ƯỚC ẶC', 'duong uoc ac'],
    ['  H06 ', 'h06']
  ]
  for (const [input, folded] of table) t.equal(foldForSearch(input), folded, input)
})

// The units of Cụm thi đua số 9 and 8 and a few more real names, including punctuation that real names carry.
const REAL_NAMES = [
  'Cục Y tế', 'Cục Công nghiệp an ninh', 'Cục Hậu cần', 'Bệnh viện 19.8', 'Bệnh viện 30/4', 'Bệnh viện 199',
  'Bệnh viện Y học cổ truyền', 'Cục Viễn thông và cơ yếu', 'Cục Quản lý xây dựng và doanh trại',
  'Cục Kế hoạch và tài chính', 'Cục Trang bị và kho vận', 'Cục Công nghệ thông tin', 'Viện Khoa học và công nghệ',
  'Cục Đối ngoại', 'Văn phòng Bộ Công an', 'Cục Khoa học, chiến lược và lịch sử Công an', 'Cục Hồ sơ nghiệp vụ',
  'Cục Pháp chế và cải cách hành chính, tư pháp', 'Cục Pháp chế (cũ)', 'Cục Pháp chế - Tư pháp', 'Viện Khoa học hình sự',
  'Phòng Công tác chính trị', 'Phòng Hậu cần', 'Phòng Công tác đảng và công tác quần chúng', 'Công an tỉnh Đắk Lắk',
  'Công an tỉnh Đắk Nông', 'Công an tỉnh Bà Rịa – Vũng Tàu', 'Công an thành phố Hà Nội', 'Công an tỉnh Hà Giang',
  'Ăn', 'ăn', 'Ân', 'an', 'An', 'à', 'á', 'ả', 'ã', 'ạ', 'Ơ', 'ô', 'o', 'ư', 'u', 'Da', 'Đa', 'Dă'
]

t.test('vietnameseSortKey orders real names as Intl.Collator("vi") does', async (t) => {
  t.same([...REAL_NAMES].sort(byKey), [...REAL_NAMES].sort(icu.compare))
  t.same(REAL_NAMES.map(nfd).sort(byKey).map((s) => s.normalize('NFC')), [...REAL_NAMES].sort(icu.compare), 'NFD input sorts the same')
})

t.test('ASCII and typographic punctuation sorts in ICU order, not code point order', async (t) => {
  const marks = Array.from('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~–—…‘’“”«»')
  t.same([...marks].sort(byKey), [...marks].sort(icu.compare))
})

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']
const CONSONANTS = ['b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x']
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']
const cased = (s: string, upper: boolean) => (upper ? s.toLocaleUpperCase('vi') : s)
const vowel = fc.tuple(fc.constantFrom(...VOWELS), fc.constantFrom(...TONES), fc.boolean())
  .map(([v, tone, upper]) => cased((nfd(v) + tone).normalize('NFC'), upper))
const consonant = fc.tuple(fc.constantFrom(...CONSONANTS), fc.boolean()).map(([c, upper]) => cased(c, upper))
const other = fc.constantFrom(' ', '  ', '0', '1', '4', '9', '.', '/', ',', '-', '(')
const vietnamese = fc.array(fc.oneof({ weight: 4, arbitrary: vowel }, { weight: 4, arbitrary: consonant }, { weight: 2, arbitrary: other }), { maxLength: 8 })
  .map((pieces) => pieces.join(''))

t.test('property: the sort key orders stored names as Intl.Collator("vi"), whatever the Unicode form', async (t) => {
  fc.assert(fc.property(vietnamese, vietnamese, fc.constantFrom('NFC', 'NFD'), (a, b, form) => {
    const expected = Math.sign(icu.compare(normalizeName(a), normalizeName(b)))
    return Math.sign(byKey(a.normalize(form), b.normalize(form))) === expected
  }), { numRuns: 5000 })
  t.pass('5000 pairs agree')
})

t.test('property: names with the same nameKey have the same search form', async (t) => {
  fc.assert(fc.property(vietnamese, (a) => foldForSearch(nfd(a).toLocaleUpperCase('vi')) === foldForSearch(a)))
  t.pass()
})
