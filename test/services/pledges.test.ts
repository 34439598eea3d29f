import t from 'tap'
import { insertUnit } from '../../src/db/units-repository.js'
import { createConference } from '../../src/services/conferences.js'
import {
  deletePledge, draftPledge, listClusterPledges, listPledgeSignatures, newPledgeVersion, openPledge, pledgeDocumentData, pledgeTag,
  readPledge, signPledge, updatePledge
} from '../../src/services/pledges.js'
import { assertDeleted } from '../helpers/deletion.js'
import { secretariatOf, seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const content = {
  title: 'Giao ước thi đua  năm 2024',
  slogan: 'Vì an ninh Tổ quốc',
  commitments: [{ text: 'Hoàn thành 100 % chỉ tiêu', target: { value: 100, unit: '%' } }]
}
const signer = { signerName: ' Nguyễn Văn  A ', signerPosition: 'Cục trưởng' }
const eventTypes = async (s: Services) => s.db('events').orderBy('position').pluck('type')

/** A cluster with its 2024 pledge opened for signing. */
async function openedPledge (s: Services) {
  const seeded = await seedCluster(s)
  const draft = await s.write((ctx) => draftPledge(ctx, { clusterId: seeded.clusterId, year: 2024, ...content }))
  const pledge = await s.write((ctx) => openPledge(ctx, { pledgeId: draft.id, ifMatch: pledgeTag(draft) }))
  return { ...seeded, unitIds: Object.values(seeded.units), pledge }
}

t.test('a pledge is drafted, edited, opened, and comes into force with the last member\'s signature', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const unitIds = Object.values(units)

  const draft = await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2024, ...content }), secretariatOf(clusterId))
  t.match(draft, { clusterId, year: 2024, versionNumber: 1, status: 'draft', title: 'Giao ước thi đua năm 2024', contentHash: null, version: 1 })
  t.same(draft.registeredTitles, [], 'no titles registered unless given')

  const edited = await s.write((ctx) => updatePledge(ctx, {
    pledgeId: draft.id, ifMatch: pledgeTag(draft), registeredTitles: [{ unitId: unitIds[0].toUpperCase(), titleCode: 'government_flag' }]
  }))
  t.same(edited.registeredTitles, [{ unitId: unitIds[0], titleCode: 'government_flag' }], 'stored in normal form')
  t.equal(edited.version, 2)

  const opened = await s.write((ctx) => openPledge(ctx, { pledgeId: draft.id, ifMatch: pledgeTag(edited) }))
  t.match(opened, { status: 'open', contentHash: /^[0-9a-f]{64}$/ })

  const [first, ...others] = unitIds
  const signature = await s.write((ctx) => signPledge(ctx, { pledgeId: draft.id, unitId: first, ...signer }), unitActor(first))
  t.match(signature, { unitId: first, signerName: 'Nguyễn Văn A', contentHash: opened.contentHash, onBehalf: false, signedBy: { role: 'unit' } })
  t.equal((await readPledge(s.read(), { pledgeId: draft.id })).status, 'open', 'not in force while members have not signed')
  for (const unitId of others) {
    await s.write((ctx) => signPledge(ctx, { pledgeId: draft.id, unitId, ...signer }), secretariatOf(clusterId))
  }
  const inForce = await readPledge(s.read(), { pledgeId: draft.id })
  t.equal(inForce.status, 'in_force')
  t.ok(inForce.inForceAt)
  await t.rejects(s.write((ctx) => updatePledge(ctx, { pledgeId: draft.id, slogan: 'Khác' })), refusal('pledge_not_editable'),
    'a version in force is frozen')

  const signatures = await listPledgeSignatures(s.read(), { pledgeId: draft.id })
  t.same(signatures.items.map((x) => [x.unitId, x.onBehalf]), [[first, false], ...others.map((id) => [id, true])], 'in signing order')
  t.same(await eventTypes(s), [
    'pledge.created', 'pledge.updated', 'pledge.opened', 'pledge.signed', 'pledge.signed', 'pledge.signed', 'pledge.in_force'
  ])
})

t.test('a new version starts as an unsigned draft and, once opened, supersedes the one before', async (t) => {
  const s = await services(t)
  const { clusterId, unitIds, pledge } = await openedPledge(s)
  await s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: unitIds[0], ...signer }))

  const next = await s.write((ctx) => newPledgeVersion(ctx, { pledgeId: pledge.id }))
  t.match(next, { versionNumber: 2, previousVersionId: pledge.id, status: 'draft', title: pledge.title, contentHash: null })
  t.equal((await listPledgeSignatures(s.read(), { pledgeId: next.id })).items.length, 0)

  const opened = await s.write((ctx) => openPledge(ctx, { pledgeId: next.id }))
  t.not(opened.contentHash, pledge.contentHash, 'the version number is part of the hash')
  t.match(await readPledge(s.read(), { pledgeId: pledge.id }), { status: 'superseded', supersededAt: String })
  const page = await listClusterPledges(s.read(), { clusterId, year: 2024 })
  t.same(page.items.map((p) => [p.versionNumber, p.status]), [[2, 'open'], [1, 'superseded']], 'the latest version first')
  t.same((await listClusterPledges(s.read(), { clusterId, status: 'superseded' })).items.map((p) => p.id), [pledge.id])
  const superseded = await s.db('events').where({ type: 'pledge.superseded' }).first('data')
  t.equal(superseded.data.supersededById, next.id, 'the event names the version that replaced it')
})

t.test('drafting refuses, and changes nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s, '2025-01-01')
  const [member] = Object.values(units)
  await t.rejects(s.write((ctx) => draftPledge(ctx, { clusterId, year: 2024, ...content }), secretariatOf('00000000-0000-4000-8000-000000000000')),
    refusal('forbidden'), 'a secretariat acts only for its own cluster')
  await t.rejects(s.write((ctx) => draftPledge(ctx, {
    clusterId, year: 2024, ...content, registeredTitles: [{ unitId: member, titleCode: 'ministry_flag' }]
  })), refusal('pledge_unit_not_member'), 'members only from 2025')
  t.equal((await listClusterPledges(s.read(), { clusterId })).items.length, 0)
  t.same(await eventTypes(s), [], 'no event from a refusal')

  await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2025, ...content }))
  await t.rejects(s.write((ctx) => draftPledge(ctx, { clusterId, year: 2025, ...content, title: 'Khác' })), refusal('pledge_exists'))
  t.equal((await listClusterPledges(s.read(), { clusterId })).items.length, 1)
})

t.test('an opened and signed version is frozen, and a stale tag is refused', async (t) => {
  const s = await services(t)
  const { unitIds, pledge } = await openedPledge(s)
  await s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: unitIds[0], ...signer }))
  await t.rejects(s.write((ctx) => updatePledge(ctx, { pledgeId: pledge.id, slogan: 'Khác' })), refusal('pledge_not_editable'), 'signed')
  await t.rejects(s.write((ctx) => openPledge(ctx, { pledgeId: pledge.id })), refusal('pledge_not_draft'))
  await t.rejects(s.write((ctx) => updatePledge(ctx, { pledgeId: pledge.id, slogan: 'Khác', ifMatch: '"v1"' })), refusal('precondition_failed'))

  const next = await s.write((ctx) => newPledgeVersion(ctx, { pledgeId: pledge.id }))
  await t.rejects(s.write((ctx) => newPledgeVersion(ctx, { pledgeId: pledge.id })), refusal('pledge_has_newer_version'))
  await t.rejects(s.write((ctx) => newPledgeVersion(ctx, { pledgeId: next.id })), refusal('pledge_not_open'), 'a draft is edited instead')
  await t.rejects(s.write((ctx) => openPledge(ctx, { pledgeId: next.id, ifMatch: '"v9"' })), refusal('precondition_failed'))
  t.same(await readPledge(s.read(), { pledgeId: pledge.id }), pledge, 'the opened version unchanged')
  t.equal((await readPledge(s.read(), { pledgeId: next.id })).status, 'draft')
})

t.test('signing refuses a second signature, a non-member, a draft and another unit\'s token, and changes nothing', async (t) => {
  const s = await services(t)
  const { clusterId, unitIds, pledge } = await openedPledge(s)
  const [first, second] = unitIds
  const outsider = await s.write(({ trx }) => insertUnit(trx, { name: 'Cục Đối ngoại' }))
  await s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: first, ...signer }))
  const before = await eventTypes(s)

  await t.rejects(s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: first, ...signer }), unitActor(first)),
    refusal('pledge_already_signed'))
  await t.rejects(s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: outsider.id, ...signer })),
    refusal('pledge_signer_not_member'))
  await t.rejects(s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: second, ...signer }), unitActor(first)),
    refusal('forbidden'), 'a unit signs only for itself')
  await t.rejects(s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: second, ...signer }), secretariatOf(outsider.id)),
    refusal('forbidden'), 'a secretariat signs only in its own cluster')
  const draft = await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2025, ...content }))
  await t.rejects(s.write((ctx) => signPledge(ctx, { pledgeId: draft.id, unitId: second, ...signer })), refusal('pledge_not_open'))

  t.same((await listPledgeSignatures(s.read(), { pledgeId: pledge.id })).items.map((x) => x.unitId), [first])
  t.same(await eventTypes(s), [...before, 'pledge.created'], 'no event from a refusal')
})

t.test('the printed pledge: names, signatures and the record\'s latest time', async (t) => {
  const s = await services(t)
  const { unitIds, pledge } = await openedPledge(s)
  const signature = await s.write((ctx) => signPledge(ctx, { pledgeId: pledge.id, unitId: unitIds[1], ...signer }))
  const { data, fileName } = await pledgeDocumentData(s.read(), { pledgeId: pledge.id })
  t.equal(fileName, 'giao-uoc-thi-dua-2024-v1')
  t.match(data, {
    issuer: ['Bộ Công an', 'Cụm thi đua số 9'],
    status: 'open',
    contentHash: pledge.contentHash,
    signatures: [{ unitName: 'Cục Hậu cần', signerName: 'Nguyễn Văn A' }]
  })
  t.equal(data.createdAt.toISOString(), signature.signedAt, 'the last signature is the latest change')
})

t.test('deletePledge removes a draft and journals it as it was; the year is free for a new draft', async (t) => {
  const s = await services(t)
  const { clusterId } = await seedCluster(s)
  const draft = await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2024, ...content }), secretariatOf(clusterId))
  await s.write((ctx) => deletePledge(ctx, { pledgeId: draft.id, ifMatch: pledgeTag(draft) }), secretariatOf(clusterId))
  await assertDeleted(t, s, { table: 'pledges', id: draft.id, action: 'pledge.deleted', before: draft })
  await t.rejects(readPledge(s.read(), { pledgeId: draft.id }), refusal('pledge_not_found'))
  await t.rejects(s.write((ctx) => deletePledge(ctx, { pledgeId: draft.id })), refusal('pledge_not_found'))
  t.ok(await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2024, ...content })), 'a new draft for 2024')
})

t.test('deleting a draft version keeps the opened version it copies', async (t) => {
  const s = await services(t)
  const { pledge } = await openedPledge(s)
  const v2 = await s.write((ctx) => newPledgeVersion(ctx, { pledgeId: pledge.id }))
  await s.write((ctx) => deletePledge(ctx, { pledgeId: v2.id }))
  t.same(await readPledge(s.read(), { pledgeId: pledge.id }), pledge, 'version 1 is as it was')
  t.equal((await s.db('pledges').where({ id: v2.id })).length, 0)
})

t.test('deletePledge refuses an opened version, a draft a conference links, another cluster\'s secretariat and a stale tag, deleting nothing', async (t) => {
  const s = await services(t)
  const { clusterId, pledge } = await openedPledge(s)
  await t.rejects(s.write((ctx) => deletePledge(ctx, { pledgeId: pledge.id })),
    { code: 'pledge_not_draft', details: { pledgeStatus: 'open' } })
  const draft = await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2025, ...content }))
  await s.write((ctx) => createConference(ctx, {
    clusterId, kind: 'pledge_signing', title: 'Hội nghị ký kết giao ước thi đua năm 2025', year: 2025, heldAt: '2024-12-20T08:00:00+07:00',
    chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng' }, attendingUnitIds: [], links: { pledgeId: draft.id }
  }))
  await t.rejects(s.write((ctx) => deletePledge(ctx, { pledgeId: draft.id })), {
    code: 'pledge_in_use',
    message: 'The pledge "Giao ước thi đua năm 2024" (2025, version 1) is linked from 1 conference, so it cannot be deleted: only a pledge nothing refers to can be.',
    details: { references: [{ kind: 'conference_link', count: 1 }] }
  })
  await t.rejects(s.write((ctx) => deletePledge(ctx, { pledgeId: draft.id }), secretariatOf('00000000-0000-4000-8000-000000000000')), refusal('forbidden'))
  await t.rejects(s.write((ctx) => deletePledge(ctx, { pledgeId: draft.id, ifMatch: '"v2"' })), refusal('precondition_failed'))
  t.equal((await s.db('pledges').whereIn('id', [pledge.id, draft.id])).length, 2)
  t.notOk((await eventTypes(s)).includes('pledge.deleted'))
})
