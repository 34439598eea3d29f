import t from 'tap'
import fc from 'fast-check'
import {
  assertDraft, assertMayAdopt, documentHash, normalizeDocumentContent, type Adoption, type DocumentStatus
} from '../../src/domain/cluster-document.js'
import { outcome } from '../helpers/outcome.js'

const CLUSTER = 'cum-9'
const content = {
  title: 'Quy chế hoạt động của Cụm thi đua số 9',
  chapters: [{ title: 'Quy định chung', articles: [{ title: 'Phạm vi điều chỉnh', clauses: ['Quy chế này quy định về tổ chức, hoạt động của Cụm thi đua số 9.'] }] }]
}

t.test('assertDraft: only a draft changes', async (t) => {
  const table: Array<[DocumentStatus, string]> = [['draft', 'ok'], ['adopted', 'conflict:document_not_draft'], ['superseded', 'conflict:document_not_draft']]
  for (const [status, expected] of table) t.equal(outcome(() => assertDraft(status)), expected, status)
})

t.test('assertMayAdopt: own cluster, minutes not yet finalized, on the conference date, in the year or the year before, not before the current one', async (t) => {
  const base: Adoption = { document: { clusterId: CLUSTER, year: 2025, status: 'draft' }, conference: { clusterId: CLUSTER, heldOn: '2025-01-10', status: 'draft' }, adoptedOn: '2025-01-10' }
  const table: Array<[string, Partial<Adoption>, string]> = [
    ['at the conference opening the year', {}, 'ok'],
    ['at the conference closing the year before', { conference: { clusterId: CLUSTER, heldOn: '2024-12-20', status: 'draft' }, adoptedOn: '2024-12-20' }, 'ok'],
    ['an adopted version', { document: { clusterId: CLUSTER, year: 2025, status: 'adopted' } }, 'conflict:document_not_draft'],
    ['a superseded version', { document: { clusterId: CLUSTER, year: 2025, status: 'superseded' } }, 'conflict:document_not_draft'],
    ['another cluster\'s conference', { conference: { clusterId: 'cum-1', heldOn: '2025-01-10', status: 'draft' } }, 'rule:document_conference_other_cluster'],
    ['not the conference date', { adoptedOn: '2025-01-11' }, 'rule:document_adopted_off_conference_date'],
    ['two years early', { conference: { clusterId: CLUSTER, heldOn: '2023-12-20', status: 'draft' }, adoptedOn: '2023-12-20' }, 'rule:document_adoption_outside_year'],
    ['the year after', { conference: { clusterId: CLUSTER, heldOn: '2026-01-05', status: 'draft' }, adoptedOn: '2026-01-05' }, 'rule:document_adoption_outside_year'],
    ['the same day as the current one', { currentAdoptedOn: '2025-01-10' }, 'ok'],
    ['after the current one', { currentAdoptedOn: '2024-01-08' }, 'ok'],
    ['before the current one', { currentAdoptedOn: '2025-03-01' }, 'rule:document_adoption_before_current'],
    ['at a conference whose minutes are finalized', { conference: { clusterId: CLUSTER, heldOn: '2025-01-10', status: 'finalized' } }, 'conflict:conference_finalized']
  ]
  for (const [name, change, expected] of table) t.equal(outcome(() => assertMayAdopt({ ...base, ...change })), expected, name)
})

t.test('assertMayAdopt: any date other than the conference\'s is refused', async (t) => {
  const date = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
  fc.assert(fc.property(date, date, (heldOn, adoptedOn) => {
    const result = outcome(() => assertMayAdopt({ document: { clusterId: CLUSTER, year: 2025, status: 'draft' }, conference: { clusterId: CLUSTER, heldOn, status: 'draft' }, adoptedOn }))
    return heldOn === adoptedOn ? result === 'ok' : result === 'rule:document_adopted_off_conference_date'
  }))
})

t.test('normalizeDocumentContent: NFC, single spaces in titles, clauses trimmed with their line breaks kept', async (t) => {
  const decomposed = 'Quy chế'.normalize('NFD')
  const normalized = normalizeDocumentContent({
    title: `  ${decomposed}   hoạt động `,
    chapters: [{ title: ' Quy  định chung', articles: [{ title: 'Phạm vi  điều chỉnh ', clauses: ['  a)  dòng một\nb) dòng hai  '] }] }]
  })
  t.same(normalized, {
    title: 'Quy chế hoạt động',
    chapters: [{ title: 'Quy định chung', articles: [{ title: 'Phạm vi điều chỉnh', clauses: ['a)  dòng một\nb) dòng hai'] }] }]
  })
})

t.test('documentHash: the same content gives the same hash; any change of content, cluster, kind or year changes it', async (t) => {
  const document = { ...content, clusterId: CLUSTER, kind: 'operating_regulations' as const, year: 2025 }
  t.match(documentHash(document), /^[0-9a-f]{64}$/)
  t.equal(documentHash(document), documentHash(structuredClone(document)))
  const variants = [
    { ...document, clusterId: 'cum-1' },
    { ...document, kind: 'action_programme' as const },
    { ...document, year: 2026 },
    { ...document, title: 'Quy chế hoạt động' }
  ]
  for (const variant of variants) t.not(documentHash(variant), documentHash(document))
  fc.assert(fc.property(fc.string({ minLength: 1 }), (clause) => {
    const changed = { ...document, chapters: [{ ...document.chapters[0], articles: [{ title: 'Phạm vi điều chỉnh', clauses: [clause] }] }] }
    return (documentHash(changed) === documentHash(document)) === (clause === content.chapters[0].articles[0].clauses[0])
  }))
})
