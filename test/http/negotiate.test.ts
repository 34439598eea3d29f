// The Accept header as the ranking and the PDFs read it (RFC 9110 §12.5.1): weights, wildcards, specificity.
import t from 'tap'
import { negotiate, parseAccept } from '../../src/http/negotiate.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const RANKING = ['application/json', 'text/csv', XLSX] as const

t.test('no Accept, an empty one, */* or application/* answer the first offered', async (t) => {
  t.equal(negotiate(undefined, RANKING), 'application/json')
  t.equal(negotiate('', RANKING), 'application/json')
  t.equal(negotiate(' ', RANKING), 'application/json')
  t.equal(negotiate('*/*', RANKING), 'application/json')
  t.equal(negotiate('application/*', RANKING), 'application/json')
  t.equal(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', RANKING), 'application/json', 'a browser gets JSON')
})

t.test('an exact type is chosen, in any case, with or without parameters', async (t) => {
  t.equal(negotiate('text/csv', RANKING), 'text/csv')
  t.equal(negotiate('TEXT/CSV', RANKING), 'text/csv')
  t.equal(negotiate('text/csv; charset=utf-8; header=present', RANKING), 'text/csv')
  t.equal(negotiate(XLSX, RANKING), XLSX)
  t.equal(negotiate('text/*', RANKING), 'text/csv')
})

t.test('the highest weight wins; q=0 refuses a type', async (t) => {
  t.equal(negotiate('application/json;q=0.5, text/csv', RANKING), 'text/csv')
  t.equal(negotiate(`text/csv;q=0.2, ${XLSX};q=0.9, application/json;q=0.4`, RANKING), XLSX)
  t.equal(negotiate('*/*;q=0.1, text/csv;q=0.3', RANKING), 'text/csv')
  t.equal(negotiate('application/json;q=0, */*', RANKING), 'text/csv', 'everything but JSON: the next offered')
  t.equal(negotiate('*/*;q=0', RANKING), undefined)
  t.equal(negotiate('text/csv;q=0, text/*', RANKING), undefined, 'the most specific range gives the weight')
})

t.test('on equal weights the more specific range wins, then the one listed first, then the order offered', async (t) => {
  t.equal(negotiate('*/*, text/csv', RANKING), 'text/csv', 'text/csv beats */*')
  t.equal(negotiate('application/*, text/csv', RANKING), 'text/csv')
  t.equal(negotiate(`text/csv, ${XLSX}`, RANKING), 'text/csv')
  t.equal(negotiate(`${XLSX}, text/csv`, RANKING), XLSX)
  t.equal(negotiate('text/csv;q=0.5, application/json;q=0.5', RANKING), 'text/csv')
})

t.test('nothing offered is accepted: undefined (406)', async (t) => {
  t.equal(negotiate('text/html', RANKING), undefined)
  t.equal(negotiate('application/problem+json', RANKING), undefined)
  t.equal(negotiate('application/json', ['application/pdf']), undefined)
  t.equal(negotiate('application/pdf', ['application/pdf']), 'application/pdf')
  t.equal(negotiate('application/*', ['application/pdf']), 'application/pdf')
})

t.test('malformed ranges accept nothing; the well-formed ones still count', async (t) => {
  t.same(parseAccept('json, text/csv;q=2, */csv, text/csv;q=0.25, application/json;q=0.1234'), [{ type: 'text', subtype: 'csv', q: 0.25 }])
  t.equal(negotiate('json', RANKING), undefined)
  t.equal(negotiate('csv, text/csv', RANKING), 'text/csv')
  t.same(parseAccept('text/csv;foo="a,b;q=0", application/json;q=0.5'), [
    { type: 'text', subtype: 'csv', q: 1 }, { type: 'application', subtype: 'json', q: 0.5 }
  ], 'a quoted parameter value may hold commas and semicolons')
  t.same(parseAccept('text/csv;q=0.5;level=1'), [{ type: 'text', subtype: 'csv', q: 0.5 }], 'what follows q is an extension')
})
