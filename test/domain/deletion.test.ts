import t from 'tap'
import { assertDraftToDelete, assertUnreferenced, deletionBlockers } from '../../src/domain/deletion.js'

t.test('only the kinds counted at least once hold a deletion back, in the order given', async (t) => {
  t.same(deletionBlockers([{ kind: 'membership', count: 0 }, { kind: 'scorecard', count: 2 }, { kind: 'term', count: 1 }]),
    [{ kind: 'scorecard', count: 2 }, { kind: 'term', count: 1 }])
  t.same(deletionBlockers([{ kind: 'membership', count: 0 }]), [])
  t.doesNotThrow(() => assertUnreferenced('unit', 'Công an tỉnh Lào Cai', [{ kind: 'membership', count: 0 }]))
})

t.test('the in-use refusal names each reference in words, counts them, and lists kinds and counts', async (t) => {
  t.throws(() => assertUnreferenced('unit', 'Công an tỉnh Lào Cai', [
    { kind: 'membership', count: 1, names: ['Cụm thi đua số 1 (2024)'] },
    { kind: 'pledge_signature', count: 2 },
    { kind: 'election_candidate', count: 1 },
    { kind: 'scorecard', count: 0 }
  ]), {
    code: 'unit_in_use',
    message: 'Công an tỉnh Lào Cai has been a member of Cụm thi đua số 1 (2024), has 2 signatures of a pledge and stands as a ' +
      'candidate in 1 election, so it cannot be deleted: only a unit nothing refers to can be.',
    details: { references: [{ kind: 'membership', count: 1 }, { kind: 'pledge_signature', count: 2 }, { kind: 'election_candidate', count: 1 }] }
  })
  t.throws(() => assertUnreferenced('cluster', 'Cụm thi đua số 1', [{ kind: 'membership', count: 5 }]),
    { code: 'cluster_in_use', message: /^Cụm thi đua số 1 has 5 memberships, so/ })
  t.throws(() => assertUnreferenced('scoring_scheme', 'Version 1', [{ kind: 'scorecard', count: 1 }]),
    { code: 'scheme_in_use', message: /only a scoring scheme nothing refers to/ })
  t.throws(() => assertUnreferenced('election', 'The head unit election for 2025', [{ kind: 'conference_link', count: 1 }]),
    { code: 'election_in_use', message: /only an election nothing refers to/ })
})

t.test('only a draft is deleted: any other status is refused with the resource\'s code and status', async (t) => {
  t.doesNotThrow(() => assertDraftToDelete('pledge', 'p', 'draft'))
  t.throws(() => assertDraftToDelete('pledge', 'p', 'in_force'), { code: 'pledge_not_draft', details: { pledgeStatus: 'in_force' } })
  t.throws(() => assertDraftToDelete('conference', 'c', 'finalized'), { code: 'conference_not_draft', details: { conferenceStatus: 'finalized' } })
  t.throws(() => assertDraftToDelete('scoring_scheme', 's', 'superseded'), { code: 'scheme_not_draft', details: { schemeStatus: 'superseded' } })
  t.throws(() => assertDraftToDelete('election', 'e', 'cancelled'), { code: 'election_not_draft', details: { electionStatus: 'cancelled' } })
})
