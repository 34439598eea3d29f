// A webhook delivery's signature checked as a receiver would, written from the specification (Standard Webhooks'
// v1 signature) independently of src/domain/webhooks.ts, so a mistake there cannot hide in the check too.
import type http from 'node:http'
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Whether one of the delivery's `webhook-signature` entries is the v1 HMAC of its id, timestamp and body. */
export function signedWith (secret: string, { headers, body }: { headers: http.IncomingHttpHeaders, body: string }): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest()
  return String(headers['webhook-signature']).split(' ').some((entry) => {
    const [version, value] = entry.split(',')
    const given = Buffer.from(value ?? '', 'base64')
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
  })
}
