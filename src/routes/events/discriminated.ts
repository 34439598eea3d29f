// A oneOf of registered schemas with an OpenAPI discriminator: generators turn it into a tagged union, and the
// mapping names each branch by its tag (the value of `propertyName`, a const in every branch).
import type { TSchema } from 'typebox'

export function discriminated (propertyName: string, branches: Array<[tag: string, schema: TSchema & { $id?: string }]>) {
  const mapping: Record<string, string> = {}
  for (const [tag, { $id }] of branches) {
    if (!$id) throw new Error(`the ${tag} branch needs an $id`)
    mapping[tag] = `#/components/schemas/${$id}`
  }
  return {
    oneOf: branches.map(([, { $id }]) => ({ $ref: $id })),
    discriminator: { propertyName, mapping }
  }
}
