// The webhook rules: the Standard Webhooks signature against an implementation written from the specification,
// address classes (IPv4, IPv6, IPv4-mapped), target URLs, the backoff with jitter, and what an attempt leads to.
import t from 'tap'
import fc from 'fast-check'
import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  addressKind, afterAttempt, DEFAULT_RETRY_POLICY, eventClusterId, eventTypeProblems, formatSecret, receives, retryDelayMs,
  signature, signatureHeader, targetRefusal
} from '../../src/domain/webhooks.js'

// From the specification: the key is the base64 after `whsec_`; the signed content `${id}.${timestamp}.${body}`;
// the header a space-separated list of `v1,<base64>`; compared in constant time.
function specVerify (secret: string, headers: { id: string, timestamp: string, signature: string }, body: string): boolean {
  const key = Buffer.from(secret.split('_')[1], 'base64')
  const expected = createHmac('sha256', key).update(`${headers.id}.${headers.timestamp}.${body}`).digest()
  return headers.signature.split(' ').some((entry) => {
    const [version, value] = entry.split(',')
    const given = Buffer.from(value ?? '', 'base64')
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
  })
}

t.test('a signature is the one the specification computes, and any change to id, timestamp, body or secret breaks it', async (t) => {
  // The reference libraries' test vector: this secret, id, timestamp and body sign to this.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const body = '{"test": 2432232314}'
  t.equal(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  fc.assert(fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), fc.uuid(), fc.integer({ min: 1e9, max: 4e9 }), fc.string(), fc.string({ minLength: 1 }), (bytes, id, ts, text, extra) => {
    const key = formatSecret(Buffer.from(bytes))
    const payload = JSON.stringify({ text })
    const headers = { id, timestamp: String(ts), signature: signatureHeader({ current: key }, id, ts, payload) }
    return specVerify(key, headers, payload) &&
      !specVerify(key, { ...headers, id: `${id}x` }, payload) &&
      !specVerify(key, { ...headers, timestamp: String(ts + 1) }, payload) &&
      !specVerify(key, headers, payload + extra) &&
      !specVerify(formatSecret(Buffer.from(bytes.map((b) => b ^ 1))), headers, payload)
  }))
})

t.test('after a rotation both the new and the previous secret verify the same delivery', async (t) => {
  const current = formatSecret(Buffer.alloc(32, 7))
  const previous = formatSecret(Buffer.alloc(32, 9))
  const header = signatureHeader({ current, previous }, 'd1', 1700000000, '{}')
  t.equal(header.split(' ').length, 2)
  t.ok(specVerify(current, { id: 'd1', timestamp: '1700000000', signature: header }, '{}'))
  t.ok(specVerify(previous, { id: 'd1', timestamp: '1700000000', signature: header }, '{}'))
})

t.test('addresses are classed as the webhook targets rule needs', async (t) => {
  const table: Array<[string, string]> = [
    ['8.8.8.8', 'public'], ['113.160.1.1', 'public'], ['2001:4860:4860::8888', 'public'],
    ['127.0.0.1', 'loopback'], ['127.8.9.1', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.5', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.10', 'private'], ['100.64.0.1', 'private'],
    ['::ffff:10.1.2.3', 'private'], ['::ffff:c0a8:0101', 'private'], ['172.32.0.1', 'public'],
    ['169.254.169.254', 'link_local'], ['fe80::1', 'link_local'], ['[fe80::1%eth0]', 'link_local'],
    ['fc00::1', 'unique_local'], ['fd12:3456::1', 'unique_local'],
    ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'reserved'], ['192.0.2.4', 'reserved']
  ]
  for (const [address, kind] of table) t.equal(addressKind(address), kind, address)
})

t.test('a target URL is refused for its scheme, its credentials or a forbidden host unless allowed by config', async (t) => {
  const strict: { allowHttp: boolean, allowHosts: string[] } = { allowHttp: false, allowHosts: [] }
  const table: Array<[string, typeof strict, string | null]> = [
    ['https://hooks.congan.gov.vn/thidua', strict, null],
    ['http://hooks.congan.gov.vn/thidua', strict, 'must use https'],
    ['http://hooks.congan.gov.vn/thidua', { allowHttp: true, allowHosts: [] }, null],
    ['ftp://hooks.congan.gov.vn/', { allowHttp: true, allowHosts: [] }, 'must use https or http'],
    ['https://user:pw@hooks.congan.gov.vn/', strict, 'must not carry credentials'],
    ['https://127.0.0.1:8443/', strict, 'resolves to 127.0.0.1, a loopback address'],
    ['https://[::1]/', strict, 'resolves to ::1, a loopback address'],
    ['https://[::ffff:10.0.0.1]/', strict, 'resolves to ::ffff:a00:1, a private address'],
    ['https://169.254.169.254/latest/meta-data', strict, 'resolves to 169.254.169.254, a link-local address'],
    ['https://localhost/', strict, 'names localhost, a loopback host'],
    ['https://api.localhost/', strict, 'names api.localhost, a loopback host'],
    ['http://127.0.0.1:9000/', { allowHttp: true, allowHosts: ['127.0.0.1'] }, null],
    ['not a url', strict, 'is not an absolute URL']
  ]
  for (const [url, policy, refusal] of table) t.equal(targetRefusal(url, policy), refusal, url)
})

t.test('the backoff doubles from 5 s up to 2 h, each delay between half and all of its ceiling', async (t) => {
  const table: Array<[number, number, number]> = [[1, 0, 2500], [1, 1, 5000], [2, 1, 10_000], [3, 0.5, 15_000], [12, 1, 7_200_000], [40, 0, 3_600_000]]
  for (const [failed, jitter, delay] of table) t.equal(retryDelayMs(failed, jitter, DEFAULT_RETRY_POLICY), delay, `after ${failed} failures, jitter ${jitter}`)
  fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (failed, jitter) => {
    const delay = retryDelayMs(failed, jitter, DEFAULT_RETRY_POLICY)
    const ceiling = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (failed - 1))
    return delay >= ceiling / 2 - 1 && delay <= ceiling + 1 && (failed === 1 || delay >= retryDelayMs(failed - 1, jitter, DEFAULT_RETRY_POLICY) - 1)
  }))
})

t.test('what an attempt leads to: delivered, retried, given up after the window, the subscription disabled', async (t) => {
  const policy = { ...DEFAULT_RETRY_POLICY, disableAfterFailures: 5 }
  const now = new Date('2024-12-10T03:00:00Z')
  const fresh = { attempts: 0, firstAttemptAt: null }
  const ok = afterAttempt(fresh, 3, { statusCode: 204 }, now, 0.5, policy)
  t.same([ok.status, ok.attempts, ok.consecutiveFailures, ok.nextAttemptAt, ok.disable], ['delivered', 1, 0, null, null])
  const failed = afterAttempt(fresh, 0, { statusCode: 500 }, now, 1, policy)
  t.same([failed.status, failed.consecutiveFailures, failed.nextAttemptAt?.toISOString()], ['pending', 1, '2024-12-10T03:00:05.000Z'])
  const redirect = afterAttempt(fresh, 0, { statusCode: 302 }, now, 1, policy)
  t.equal(redirect.status, 'pending', 'a redirect is a failure')
  t.equal(afterAttempt(fresh, 0, { statusCode: null }, now, 1, policy).status, 'pending', 'no answer is a failure')
  t.equal(afterAttempt(fresh, 4, { statusCode: 503 }, now, 1, policy).disable, '5 attempts failed in a row.')
  t.equal(afterAttempt(fresh, 0, { statusCode: 410 }, now, 1, policy).disable, 'The receiver answered 410 Gone.')
  const dayLater = new Date(now.getTime() + 24 * 3_600_000 - 1)
  t.equal(afterAttempt({ attempts: 20, firstAttemptAt: now }, 0, { statusCode: 500 }, dayLater, 0, policy).status, 'pending', 'still retried within 24 h')
  const given = afterAttempt({ attempts: 21, firstAttemptAt: now }, 0, { statusCode: 500 }, new Date(now.getTime() + 24 * 3_600_000), 0, policy)
  t.same([given.status, given.nextAttemptAt], ['failed', null], 'given up once an attempt 24 h after the first fails')
})

t.test('with the defaults a failing delivery is retried for at least 24 hours before the subscription is disabled', async (t) => {
  fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 60, maxLength: 60 }), (jitters) => {
    let state = { attempts: 0, firstAttemptAt: null as Date | null }
    let failures = 0
    let at = new Date('2024-01-01T00:00:00Z')
    for (const jitter of jitters) {
      const outcome = afterAttempt(state, failures, { statusCode: 500 }, at, jitter, DEFAULT_RETRY_POLICY)
      if (outcome.disable !== null || outcome.status === 'failed') return at.getTime() - outcome.firstAttemptAt.getTime() >= 24 * 3_600_000
      state = outcome
      failures = outcome.consecutiveFailures
      at = outcome.nextAttemptAt!
    }
    return false
  }), { numRuns: 50 })
})

t.test('a subscription receives its types, and a cluster\'s subscription its cluster\'s events only', async (t) => {
  const event = (type: string, data: object, resourceType = 'pledge', resourceId = 'p1') => ({ type, resourceType, resourceId, data })
  const all = { eventTypes: ['pledge.opened', 'cluster.updated'], clusterId: null }
  const own = { eventTypes: ['pledge.opened', 'cluster.updated'], clusterId: 'c9' }
  t.ok(receives(all, event('pledge.opened', { clusterId: 'c8' })))
  t.notOk(receives(all, event('pledge.created', { clusterId: 'c8' })))
  t.ok(receives(own, event('pledge.opened', { clusterId: 'c9' })))
  t.notOk(receives(own, event('pledge.opened', { clusterId: 'c8' })))
  t.ok(receives(own, event('cluster.updated', {}, 'cluster', 'c9')))
  t.equal(eventClusterId(event('unit.created', { name: 'x' }, 'unit', 'u1')), null)
  t.same(eventTypeProblems(['unit.created', 'pledge.opened', 'unit.renamed'], true), { unknown: ['unit.renamed'], unscoped: ['unit.created'] })
  t.same(eventTypeProblems(['unit.created'], false), { unknown: [], unscoped: [] })
})
