// A oneOf of registered schemas with an OpenAPI discriminator: generators turn it into a tagged union, and the
// mapping names each branch by its tag (the value of `propertyName`, a const in every branch).
import type { TSchema } from 'typebox'

type Branch = TSchema & { $id?: string, properties?: object }

export function discriminated (propertyName: string, branches: Branch[]) {
  const mapping: Record<string, string> = {}
  for (const branch of branches) {
    const tag = (branch.properties as Record<string, { const?: unknown }> | undefined)?.[propertyName]?.const
    if (typeof tag !== 'string' || !branch.$id) throw new Error(`a discriminated branch needs an $id and a const ${propertyName}`)
    mapping[tag] = `#/components/schemas/${branch.$id}`
  }
  return {
    oneOf: branches.map((branch) => ({ $ref: branch.$id })),
    discriminator: { propertyName, mapping }
  }
}
