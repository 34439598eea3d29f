// How a refusal names a unit: by its name, which a person knows, then its id, which a program can look up —
// "Công an tỉnh Bắc Ninh (b891edef-…)" rather than the id alone.

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g

/** "Công an tỉnh Bắc Ninh (b891edef-…)"; the id alone when the name is unknown (a unit that does not exist). */
export const unitLabel = (id: string, name: string | undefined): string =>
  name === undefined || name === id ? id : `${name} (${id})`

/** The ids a message holds (a unit's among them, or a scheme's, a cluster's…), each once. */
export const idsIn = (message: string): string[] => [...new Set(message.match(UUID) ?? [])]

/**
 * `message` with each unit id of `names` written as the unit's label: "Unit <id> is …" becomes "<name> (<id>) is …"
 * ("Unit"/"Units" just before an id goes: the name says it). An id already labelled (in parentheses after its name),
 * an id within a path (`/targets/<id>/I.1`, a JSON pointer the detail quotes) and ids that are not a unit's are left
 * as they are.
 */
export function nameUnits (message: string, names: ReadonlyMap<string, string>): string {
  return message.replace(new RegExp(`(\\bUnits? )?(?<![(/\\w-])(${UUID.source})(?![)/\\w-])`, 'g'), (whole, _unitWord: string | undefined, id: string) => {
    const name = names.get(id) ?? names.get(id.toLowerCase())
    return name === undefined || name === id ? whole : unitLabel(id, name)
  })
}
