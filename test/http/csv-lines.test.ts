// A CSV export's lines, in either decimal style: the title line and each cell are quoted where they hold the
// separator that style uses, and only there.
import t from 'tap'
import { csvCell, csvLine, csvNumber, csvTitleLine } from '../../src/http/spreadsheet.js'

t.test('the title line quotes a title holding the separator of its style, with the BOM before it', async (t) => {
  const withComma = 'Cụm thi đua số 5, năm 2024'
  const withSemicolon = 'Cụm thi đua số 5; năm 2024'
  t.equal(csvTitleLine(withComma), `\uFEFF"${withComma}"\r\n`, 'commas between cells: a comma is quoted')
  t.equal(csvTitleLine(withComma, 'comma'), `\uFEFF${withComma}\r\n`, 'semicolons between cells: a comma is plain text')
  t.equal(csvTitleLine(withSemicolon, 'comma'), `\uFEFF"${withSemicolon}"\r\n`, 'semicolons between cells: a semicolon is quoted')
  t.equal(csvTitleLine(withSemicolon), `\uFEFF${withSemicolon}\r\n`, 'commas between cells: a semicolon is plain text')
})

t.test('a line joins its cells with its style\'s separator; numbers take its decimal mark', async (t) => {
  t.equal(csvLine(['Cục Y tế', csvNumber('90.50'), '1']), 'Cục Y tế,90.50,1\r\n')
  t.equal(csvLine(['Cục Y tế', csvNumber('90.50', 'comma'), '1'], 'comma'), 'Cục Y tế;90,50;1\r\n')
  t.equal(csvCell('=SUM(A1)', 'comma'), '"=SUM(A1)"', 'a formula-like cell is quoted in either style')
})
