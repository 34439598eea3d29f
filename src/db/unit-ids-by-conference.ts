// Rows pairing a conference with a unit (its attendances, its members on the day), gathered per conference.
export function unitIdsByConference (rows: ReadonlyArray<{ conference_id: string, unit_id: string }>): Map<string, string[]> {
  const by = new Map<string, string[]>()
  for (const { conference_id: id, unit_id: unitId } of rows) {
    const list = by.get(id)
    if (list) list.push(unitId)
    else by.set(id, [unitId])
  }
  return by
}
