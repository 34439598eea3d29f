// Counting by title, which the award tally (a cluster's awards of a year, by title and level) and the Ministry's
// roll-up (a year's proposals across clusters, by title) both do: what is counted, grouped by its title, each title
// in the order it is first met, with each count summed over the title's items.

/** One title's items (in the order given) and each count summed over them. */
export interface TitleGroup<T, Count extends string> {
  key: string
  items: T[]
  counts: Record<Count, number>
}

/**
 * `items` grouped by `keyOf` (a title's code, or its code and level), titles in the order first met, each with every
 * one of `counts` summed over its items (a count of 1 or 0 per item counts the items that match).
 */
export function countByTitle<T, Count extends string> (
  items: readonly T[], keyOf: (item: T) => string, counts: Record<Count, (item: T) => number>
): Array<TitleGroup<T, Count>> {
  const names = Object.keys(counts) as Count[]
  const groups = new Map<string, TitleGroup<T, Count>>()
  for (const item of items) {
    const key = keyOf(item)
    let group = groups.get(key)
    if (group === undefined) {
      group = { key, items: [], counts: Object.fromEntries(names.map((name) => [name, 0])) as Record<Count, number> }
      groups.set(key, group)
    }
    group.items.push(item)
    for (const name of names) group.counts[name] += counts[name](item)
  }
  return [...groups.values()]
}
