// A request or response that takes one of several shapes told apart by a tag (a criterion's or an election's
// `kind`): a `oneOf` of registered schemas with a discriminator, as OpenAPI generators read it and Ajv checks it.
import { Type, type Static, type TSchema } from 'typebox'
import { ref } from './shared-schemas.js'

type Branch = TSchema & { $id?: string }

/**
 * The `oneOf` of `branches`, each an object schema with an `$id` whose `tag` property is a required `const`. Ajv
 * checks the one branch the tag names; a missing or unknown tag is its `discriminator` error, which names the tag
 * (plugins/validation-messages.ts). The tag is not restated beside the branches: Redocly's example check then
 * finds every branch property unevaluated. The `mapping` names each tag's schema for generators (OpenAPI would
 * otherwise look for a schema named like the tag); the validator drops it (plugins/validation.ts), since Ajv reads
 * the tags from the branches.
 */
export function discriminated<B extends Branch[], T = Static<B[number]>> (
  $id: string, tag: string, branches: [...B], options: { description: string, examples?: unknown[] }
) {
  const mapping = Object.fromEntries(branches.map((branch) => {
    const value = (branch as { properties?: Record<string, { const?: unknown }> }).properties?.[tag]?.const
    if (typeof value !== 'string' || !branch.$id) throw new Error(`discriminated ${$id}: a branch without an $id or a const ${tag}`)
    return [value, `#/components/schemas/${branch.$id}`]
  }))
  return Type.Unsafe<T>({
    $id,
    type: 'object',
    oneOf: branches.map((branch) => ref(branch)),
    discriminator: { propertyName: tag, mapping },
    ...options
  })
}
