// Request schemas as the validation plugins read them: plain JSON Schema objects whose `$ref`s name the shared
// schemas registered with addSchema (passed to the compilers as `externalSchemas`, keyed by `$id`).
export type Schema = Record<string, unknown>
export type Shared = Record<string, Schema>

/** The shared schema an `$id` names; an unknown one is a programming error, refused at start-up. */
export function sharedSchema (shared: Shared, id: string): Schema {
  if (!Object.hasOwn(shared, id)) throw new Error(`unknown $ref ${id}`)
  return shared[id]
}

/** The schema itself, or the shared schema its `$ref` names. */
export const resolveRef = (schema: Schema, shared: Shared): Schema =>
  typeof schema.$ref === 'string' ? sharedSchema(shared, schema.$ref) : schema
