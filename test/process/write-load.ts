// A write load over HTTP for the fault tests: a few workers POST requests, each with its own Idempotency-Key,
// and every attempt is kept (the answer, or why there was none) so a test can judge them afterwards.
export interface WriteRequest {
  key: string
  path: string
  body: Record<string, unknown>
}

export interface Answer {
  status: number
  contentType: string
  body: any
  replayed: boolean
}

export interface Attempt {
  request: WriteRequest
  /** Undefined when no answer came: the connection failed or was cut (the server died), or it timed out. */
  answer?: Answer
  error?: string
  startedAt: number
  endedAt: number
}

/** One POST with its Idempotency-Key; never throws. */
export async function send (base: string, authorization: string, request: WriteRequest, timeoutMs = 20_000): Promise<Attempt> {
  const startedAt = Date.now()
  try {
    const response = await fetch(base + request.path, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'idempotency-key': request.key },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs)
    })
    const text = await response.text()
    const answer: Answer = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text === '' ? null : JSON.parse(text),
      replayed: response.headers.get('idempotent-replayed') === 'true'
    }
    return { request, answer, startedAt, endedAt: Date.now() }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    return { request, error: cause ?? (error as Error).name ?? String(error), startedAt, endedAt: Date.now() }
  }
}

/** `key: status body`, or `key: why there was no answer`, for failure messages. */
export const describe = (a: Attempt) => `${a.request.key}: ${a.answer ? `${a.answer.status} ${JSON.stringify(a.answer.body)}` : a.error}`

export const succeeded = (attempt: Attempt) => attempt.answer !== undefined && attempt.answer.status >= 200 && attempt.answer.status < 300

/** `concurrency` workers send whatever `next()` hands out until it is exhausted or `stop()` is called. */
export class WriteLoad {
  readonly attempts: Attempt[] = []
  private stopped = false
  private readonly workers: Array<Promise<void>>

  constructor (base: string, authorization: string, next: () => WriteRequest | undefined, concurrency: number) {
    this.workers = Array.from({ length: concurrency }, async () => {
      for (let request = next(); request !== undefined && !this.stopped; request = this.stopped ? undefined : next()) {
        this.attempts.push(await send(base, authorization, request))
      }
    })
  }

  /** Attempts answered with a 2xx. */
  acknowledged (): Attempt[] {
    return this.attempts.filter(succeeded)
  }

  /** Hands out nothing more and waits for the requests in flight. */
  async stop (): Promise<void> {
    this.stopped = true
    await Promise.all(this.workers)
  }

  /** Resolves when every request has been sent and answered (or failed). */
  async done (): Promise<void> {
    await Promise.all(this.workers)
  }
}
