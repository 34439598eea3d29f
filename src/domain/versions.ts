// Optimistic concurrency: every changeable resource carries a version, and its tag (the HTTP ETag) is that
// version. A change that names a stale tag is refused (412), so two editors cannot overwrite each other unseen.
import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'
import { DomainError } from './errors.js'

export const etagOf = (version: number) => `"v${version}"`

/**
 * The tag of a representation that shows values derived from other records beside its own (a draft conference's
 * quorum, from the members on its date; a term's flag handover, from the year before): the version and a digest of
 * the derived part, so a change to what they derive from is a new representation, never a stale 304.
 */
export const derivedEtagOf = (version: number, derived: unknown) =>
  `"v${version}.${createHash('sha256').update(canonicalJson(derived ?? null)).digest('base64url').slice(0, 12)}"`

/** The tags an If-Match or If-None-Match header lists, weak ones compared as strong. */
export function listedTags (header: string | undefined): string[] {
  return (header ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter(Boolean)
}

/** Throws 412 when `ifMatch` (absent: no condition) names neither `*` nor the current tag (a version, or the tag itself). */
export function assertIfMatch (ifMatch: string | undefined, current: number | string | undefined): void {
  if (ifMatch === undefined) return
  const tags = listedTags(ifMatch)
  const currentTag = typeof current === 'number' ? etagOf(current) : current
  if (tags.includes('*') && currentTag !== undefined) return
  if (currentTag !== undefined && tags.includes(currentTag)) return
  throw new DomainError('precondition_failed', 'precondition_failed',
    `If-Match ${ifMatch} does not match the current version${currentTag === undefined ? ' (the resource does not exist yet)' : ` ${currentTag}`}; fetch the resource again.`)
}
