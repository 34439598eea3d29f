// Vietnamese text rules for names: one stored form, one comparison form, one search form and one sort key.
// Pure functions: the database stores their results so that uniqueness, search and order are enforced there.

/** The stored form: NFC, trimmed, inner runs of white space folded to one space. */
export function normalizeName(input: string): string {
  return input.normalize('NFC').trim().replace(/\s+/gu, ' ')
}

/** The comparison form for duplicates: the stored form in lower case, so NFD/NFC and case do not matter. */
export function nameKey(input: string): string {
  return normalizeName(input).toLocaleLowerCase('vi')
}

/** The search form: lower case without diacritics ("Cục Y tế" → "cuc y te"), so `?q=` ignores both. */
export function foldForSearch(input: string): string {
  return normalizeName(input)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toLocaleLowerCase('vi')
}

// The Vietnamese alphabet: ă, â, đ, ê, ô, ơ, ư are letters of their own, not accented variants.
const ALPHABET = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n',
  'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z']
const LETTER_RANK = new Map(ALPHABET.map((letter, index) => [letter, index]))
// Marks that make a new letter (breve, circumflex, horn) versus tone marks, which only order within a letter.
const LETTER_MARKS = new Set(['\u0306', '\u0302', '\u031b'])
// Tone order of Vietnamese dictionaries (and of ICU's vi collation): ngang, huyền, hỏi, ngã, sắc, nặng.
const TONE_RANK = new Map([['\u0300', 1], ['\u0309', 2], ['\u0303', 3], ['\u0301', 4], ['\u0323', 5]])

// Punctuation and common symbols in the order of ICU's root collation (which vi inherits), not ASCII order:
// "Cục A, B" must sort as Intl.Collator('vi') sorts it. Unlisted symbols fall to OTHER.
const PUNCTUATION_ORDER = Array.from('_-–—,;:!¡?¿.…·\'‘’‹›"“”«»()[]{}§@*/\\&#%‰†•′″`^°©®+÷×<=>|~$£₫€™')
const PUNCTUATION_RANK = new Map(PUNCTUATION_ORDER.map((mark, index) => [mark, index]))

const SPACE = 0x1
const PUNCTUATION = 0x10 // + the rank above: after spaces, before digits
const DIGIT = 0x100
const LETTER = 0x200
const OTHER = 0x1000 // + the code point: other scripts after the Latin alphabet

const hex = (n: number) => n.toString(16).padStart(6, '0')

/**
 * A key whose byte order (COLLATE "C") is Vietnamese dictionary order: letters first, then tones, then
 * case (lower before upper), each level compared left to right, as ICU's `vi` collation does.
 */
export function vietnameseSortKey(input: string): string {
  const primary: number[] = []
  const tones: number[] = []
  const cases: number[] = []
  const chars = Array.from(normalizeName(input).normalize('NFD'))
  for (let i = 0; i < chars.length; i++) {
    const base = chars[i]
    let letter = base.toLocaleLowerCase('vi')
    let tone = 0
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1])) {
      const mark = chars[++i]
      if (LETTER_MARKS.has(mark)) letter = (letter + mark).normalize('NFC')
      else tone = TONE_RANK.get(mark) ?? tone
    }
    primary.push(primaryWeight(letter))
    tones.push(tone)
    cases.push(base === base.toLocaleLowerCase('vi') ? 0 : 1)
  }
  return [primary, tones, cases].map((level) => level.map((n) => hex(n + 1)).join('')).join(hex(0))
}

function primaryWeight(letter: string): number {
  const rank = LETTER_RANK.get(letter)
  if (rank !== undefined) return LETTER + rank
  if (/^\s$/u.test(letter)) return SPACE
  if (/^[0-9]$/u.test(letter)) return DIGIT + Number(letter)
  const mark = PUNCTUATION_RANK.get(letter)
  if (mark !== undefined) return PUNCTUATION + mark
  return OTHER + letter.codePointAt(0)!
}
