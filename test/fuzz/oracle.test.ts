// The oracle refuses a problem whose code the operation does not list for that status, and lets a listed one pass.
import t from 'tap'
import type { ValidateFunction } from 'ajv'
import type { Contract, Operation } from './contract.js'
import { check } from './oracle.js'

const accepting = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction
const contract = { operations: [], deref: (s) => s, validator: () => accepting, idParamOf: {} } as Contract

const createUnit: Operation = {
  method: 'POST',
  path: '/v1/units',
  operationId: 'createUnit',
  parameters: [],
  bodyRequired: true,
  fileTypes: [],
  responses: { 201: { 'application/json': {} }, 409: { 'application/problem+json': {} } },
  problemCodes: { 409: ['unit_code_taken', 'unit_name_taken'] }
}

const answer = (code: string) => ({
  statusCode: 409,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: `urn:thidua:problem:${code}`, title: 'Conflict', status: 409, detail: 'A unit with this code already exists.', code })
})

t.test('a problem code the operation lists for its status passes', async (t) => {
  t.equal(check(contract, createUnit, answer('unit_code_taken')), undefined)
})

t.test('a problem code the operation does not list for its status is a violation', async (t) => {
  const violation = check(contract, createUnit, answer('pledge_exists'))
  t.equal(violation?.kind, 'undocumented_code')
  t.match(violation?.message, /409 pledge_exists; documented for 409: unit_code_taken, unit_name_taken/)
})

t.test('an operation whose contract lists no codes for a status is not checked for them', async (t) => {
  t.equal(check(contract, { ...createUnit, problemCodes: {} }, answer('pledge_exists')), undefined)
})
