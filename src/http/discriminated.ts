// A request or response that takes one of several shapes told apart by a tag (a criterion's or an election's
// `kind`): a `oneOf` of registered schemas with a discriminator, as OpenAPI generators read it and Ajv checks it.
import { Type, type Static, type TSchema } from 'typebox'
import { ref } from './shared-schemas.js'

type Branch = TSchema & { $id?: string }

/**
 * The `oneOf` of `branches`, each an object schema with an `$id` whose `tag` property is a `const`. The tag is also
 * stated beside the branches (required, one of the consts), so a missing or unknown tag is refused naming the tag
 * itself. The `mapping` names each tag's schema for generators (OpenAPI would otherwise look for a schema named
 * like the tag); the validator drops it (plugins/validation.ts), since Ajv reads the tags from the branches.
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
    required: [tag],
    properties: { [tag]: Type.Enum(Object.keys(mapping), { description: `Which shape the object takes: ${Object.keys(mapping).map((v) => `\`${v}\``).join(', ')}.` }) },
    oneOf: branches.map((branch) => ref(branch)),
    discriminator: { propertyName: tag, mapping },
    ...options
  })
}
