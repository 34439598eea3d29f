// Ajv's errors in plain words: a table of one error each, then anyOf/oneOf collapsing, then through a real Ajv so
// the shapes are the ones Ajv gives (not ones written here to match).
import t from 'tap'
import { Ajv } from 'ajv'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'
import { fieldErrors, plainMessage, type AjvError } from '../../src/plugins/validation-messages.js'

const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default

const error = (keyword: string, params: Record<string, unknown>, instancePath = '/code'): AjvError =>
  ({ keyword, params, instancePath, schemaPath: `#/properties/code/${keyword}`, message: 'ajv jargon' })

const TABLE: Array<[AjvError, string]> = [
  [error('format', { format: 'date' }), 'must be a date like 2024-07-30'],
  [error('format', { format: 'date-time' }), 'must be a date and time like 2024-07-30T09:00:00+07:00'],
  [error('format', { format: 'uuid' }), 'must be a UUID'],
  [error('pattern', { pattern: '\\S' }), 'must not be blank'],
  [error('pattern', { pattern: '^[A-Z]+$' }), 'must match the pattern ^[A-Z]+$'],
  [error('maxLength', { limit: 300 }), 'must be at most 300 characters'],
  [error('minLength', { limit: 1 }), 'must not be empty'],
  [error('minLength', { limit: 2 }), 'must be at least 2 characters'],
  [error('enum', { allowedValues: ['head', 'deputy'] }), 'must be one of: head, deputy'],
  [error('const', { allowedValue: 'title' }), 'must be title'],
  [error('required', { missingProperty: 'name' }, ''), 'is required'],
  [error('additionalProperties', { additionalProperty: 'nmae' }, ''), 'is not a known field'],
  [error('type', { type: 'string' }), 'must be a string'],
  [error('type', { type: 'integer' }), 'must be a whole number'],
  [error('type', { type: ['string', 'null'] }), 'must be a string or null'],
  [error('minimum', { limit: 1, comparison: '>=' }), 'must be at least 1'],
  [error('maximum', { limit: 200, comparison: '<=' }), 'must be at most 200'],
  [error('exclusiveMinimum', { limit: 0, comparison: '>' }), 'must be more than 0'],
  [error('maxItems', { limit: 1 }), 'must have at most 1 item'],
  [error('maxItems', { limit: 50 }), 'must have at most 50 items'],
  [error('uniqueItems', { i: 3, j: 1 }), 'must not repeat an item (items 1 and 3 are the same)'],
  [error('someFutureKeyword', {}), 'ajv jargon']
]

t.test('each Ajv keyword gets a plain message', async (t) => {
  for (const [input, expected] of TABLE) t.equal(plainMessage(input), expected, `${input.keyword} ${JSON.stringify(input.params)}`)
})

t.test('paths are JSON pointers into the request part, naming the missing or unknown field', async (t) => {
  t.same(fieldErrors([error('required', { missingProperty: 'name' }, '')], 'body'), [{ path: '/body/name', message: 'is required', keyword: 'required' }])
  t.same(fieldErrors([error('maximum', { limit: 200 }, '/limit')], 'querystring'), [{ path: '/query/limit', message: 'must be at most 200', keyword: 'maximum' }])
  t.same(fieldErrors([error('format', { format: 'uuid' }, '/unitId')], 'params'), [{ path: '/params/unitId', message: 'must be a UUID', keyword: 'format' }])
  t.equal(fieldErrors([error('additionalProperties', { additionalProperty: 'a/b~c' }, '/rules')])[0].path, '/body/rules/a~1b~0c', 'escaped as RFC 6901 says')
})

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const errorsOf = (schema: object, data: unknown) => {
  const validate = ajv.compile(schema)
  t.notOk(validate(data), 'the data is refused')
  return fieldErrors(validate.errors as AjvError[])
}

t.test('anyOf noise is one message', async (t) => {
  const nullableCode = { type: 'object', properties: { code: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] } } }
  t.same(errorsOf(nullableCode, { code: 42 }), [{ path: '/body/code', message: 'must be a string or null', keyword: 'anyOf' }],
    'a value of neither type: the types it may have')
  t.same(errorsOf(nullableCode, { code: 'Công an tỉnh Lào Cai' }), [{ path: '/body/code', message: 'must be at most 10 characters', keyword: 'maxLength' }],
    'a string too long: what the string branch says, not that it is not null')
  const kinds = { oneOf: [{ const: 'head' }, { const: 'deputy' }, { type: 'null' }] }
  t.same(errorsOf({ type: 'object', properties: { office: kinds } }, { office: 'chair' }), [{ path: '/body/office', message: 'must be head, deputy or null', keyword: 'oneOf' }])
})

t.test('nested choices collapse from the inside out; other errors keep their order', async (t) => {
  const schema = {
    type: 'object',
    required: ['name'],
    properties: {
      heldOn: { type: 'string', format: 'date' },
      links: { anyOf: [{ type: 'object', properties: { pledgeId: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'null' }] } } }, { type: 'null' }] }
    }
  }
  t.same(errorsOf(schema, { heldOn: '30/07/2024', links: { pledgeId: 7 } }), [
    { path: '/body/name', message: 'is required', keyword: 'required' },
    { path: '/body/heldOn', message: 'must be a date like 2024-07-30', keyword: 'format' },
    { path: '/body/links/pledgeId', message: 'must be a string or null', keyword: 'anyOf' }
  ])
})
