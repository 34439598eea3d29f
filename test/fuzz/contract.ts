// The contract as the fuzzer sees it: every operation of openapi/openapi.json (read at test time, so new
// operations are fuzzed without edits here), `$ref`s resolved against its components, and Ajv validators for
// each documented response.
import fs from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'

export type Schema = Record<string, any>

export interface Parameter { name: string, in: 'path' | 'query' | 'header', required: boolean, schema: Schema }

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  operationId: string
  parameters: Parameter[]
  /** The JSON request body schema, when the operation takes one. */
  body?: Schema
  /** The media types of a raw-bytes body (`format: binary`), when the operation takes a file (uploadFile). */
  fileTypes: string[]
  bodyRequired: boolean
  /** status → content type → schema (an empty map when the response has no body). */
  responses: Record<string, Record<string, Schema>>
  /** status → the problem codes the contract lists for a problem answer (the operation's and the shared response's `x-problem-codes`). */
  problemCodes: Record<string, string[]>
}

export interface Contract {
  operations: Operation[]
  /** The schema a `$ref` names (one level; callers resolve again for nested refs). */
  deref: (schema: Schema) => Schema
  /** The validator for a documented response body. */
  validator: (op: Operation, status: string, contentType: string) => ValidateFunction
  /** GET /…/{param} operations answer one resource: its schema name → that param, to learn ids from bodies. */
  idParamOf: Record<string, string>
}

// FUZZ_CONTRACT: another contract file (a freshly generated one, before it is committed).
export const CONTRACT_PATH = path.resolve(process.env.FUZZ_CONTRACT ?? 'openapi/openapi.json')
const DOCUMENT_ID = 'https://thidua.invalid/openapi.json'
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

// ajv-formats is CommonJS: NodeNext types its default import as the module object, whose `default` is the plugin.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default

/** `#/components/...` refs made absolute, so a schema compiled on its own still finds the components. */
function absolute (node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absolute)
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(Object.entries(node).map(([key, value]) =>
    [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? DOCUMENT_ID + value : absolute(value)]))
}

export function loadContract (file = CONTRACT_PATH): Contract {
  const document = JSON.parse(fs.readFileSync(file, 'utf8'))
  const components: Record<string, Schema> = document.components?.schemas ?? {}
  const deref = (schema: Schema): Schema => {
    let current = schema
    for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1]
      if (!name || !components[name] || hops > 20) throw new Error(`cannot resolve ${current.$ref}`)
      current = components[name]
    }
    return current
  }

  // Parameters and responses many operations share are `$ref`s into components.parameters and .responses.
  const shared = (node: any): any => {
    const found = /^#\/components\/(parameters|responses)\/(.+)$/.exec(node?.$ref ?? '')
    if (node?.$ref !== undefined && (!found || !document.components?.[found[1]]?.[found[2]])) throw new Error(`cannot resolve ${node.$ref}`)
    return found ? document.components[found[1]][found[2]] : node
  }

  const operations: Operation[] = []
  for (const [route, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (!op) continue
      const parameters: Parameter[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(shared).map((p: any) => ({
        name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema ?? {}
      }))
      const responses: Operation['responses'] = {}
      const problemCodes: Operation['problemCodes'] = {}
      for (const [status, response] of Object.entries<any>(op.responses ?? {}).map(([s, r]) => [s, shared(r)] as const)) {
        responses[status] = Object.fromEntries(Object.entries<any>(response.content ?? {}).map(([type, media]) => [type, media.schema ?? {}]))
        // A problem answer's codes: the operation's own (its `x-problem-codes` map, by status) and the platform's of
        // that status (the shared response's `x-problem-codes`); none listed means no code is documented.
        if (response.content?.['application/problem+json'] !== undefined) {
          problemCodes[status] = [...(op['x-problem-codes']?.[status] ?? []), ...(response['x-problem-codes'] ?? [])]
        }
      }
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path: route,
        operationId: op.operationId ?? `${method} ${route}`,
        parameters,
        body: op.requestBody?.content?.['application/json']?.schema,
        fileTypes: Object.entries<any>(op.requestBody?.content ?? {}).filter(([, media]) => media.schema?.format === 'binary').map(([type]) => type),
        bodyRequired: Boolean(op.requestBody?.required),
        responses,
        problemCodes
      })
    }
  }

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
  addFormats(ajv)
  ajv.addSchema({ $id: DOCUMENT_ID, components: absolute(document.components) as object })
  const compiled = new Map<string, ValidateFunction>()
  const validator = (op: Operation, status: string, contentType: string) => {
    const key = `${op.operationId} ${status} ${contentType}`
    let validate = compiled.get(key)
    if (!validate) {
      validate = ajv.compile(absolute(op.responses[status][contentType]) as object)
      compiled.set(key, validate)
    }
    return validate
  }

  const idParamOf: Record<string, string> = {}
  for (const op of operations) {
    // A resource at /{param}, or its record at /{param}/meta where /{param} answers its bytes (getFileMeta).
    const last = /\/\{(\w+)\}(?:\/meta)?$/.exec(op.path)?.[1]
    const ref: unknown = op.responses['200']?.['application/json']?.$ref
    if (op.method === 'GET' && last && typeof ref === 'string') idParamOf[ref.split('/').pop()!] = last
  }
  return { operations, deref, validator, idParamOf }
}
