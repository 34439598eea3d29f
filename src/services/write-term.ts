// Writing a term, however its units were chosen (appointment, rotation, election): the term is audited and
// evented, and when its head differs from the previous year's, the rotating flag's handover is recorded too.
import { saveTerm, type Term, type TermFields } from '../db/terms-repository.js'
import type { WriteContext } from './context.js'

const sameHandover = (a: Term['flagHandover'] | undefined, b: Term['flagHandover']) =>
  a?.fromUnitId === b?.fromUnitId && a?.toUnitId === b?.toUnitId

export async function writeTerm (
  { trx, record }: WriteContext,
  action: 'term.appointed' | 'term.elected',
  clusterId: string,
  year: number,
  before: Term | undefined,
  fields: TermFields
): Promise<Term> {
  const after = await saveTerm(trx, clusterId, year, before, fields)
  const resourceId = `${clusterId}/${year}`
  record({ action, resourceType: 'term', resourceId, before: before ?? null, after })
  if (after.flagHandover && !sameHandover(before?.flagHandover, after.flagHandover)) {
    record({
      action: 'flag.handed_over',
      resourceType: 'flag_handover',
      resourceId,
      before: before?.flagHandover ?? null,
      after: { clusterId, ...after.flagHandover, chosenBy: after.chosenBy }
    })
  }
  return after
}
