// For table tests of domain rules: what a call comes to, as one comparable string.
import { DomainError } from '../../src/domain/errors.js'

/** `ok`, or `<kind>:<code>` of the refusal `fn` throws; anything but a DomainError is rethrown. */
export function outcome (fn: () => void): string {
  try {
    fn()
    return 'ok'
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}:${error.code}`
    throw error
  }
}
