// The processes under test: started as real child processes, waited for until they answer, sampled for memory,
// and stopped by their own pid.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'

export interface Started {
  child: ChildProcess
  base: string
  /** Everything the process wrote to stderr so far (knex:query capture, start-up errors). */
  stderr: () => string
  stop: () => Promise<void>
}

/** Starts `node [nodeArgs] <script>` with `env` on `port` and resolves once GET `readyPath` answers 200. */
export async function startNode (
  name: string, script: string, port: number, env: Record<string, string>, readyPath: string, nodeArgs: string[] = []
): Promise<Started> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let err = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  let last = 'no answer'
  for (;;) {
    const early = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('wait'), 200))])
    if (early !== 'wait') throw new Error(`${name} exited with ${String(early)} before it was ready:\n${err}`)
    try {
      const response = await fetch(base + readyPath, { signal: AbortSignal.timeout(2_000) })
      if (response.status === 200) break
      last = `${response.status} ${await response.text()}`
    } catch (error) {
      last = (error as Error).message // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${name} was not ready after 120 s (${readyPath}: ${last}):\n${err}`)
    }
  }
  return {
    child,
    base,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    }
  }
}

/** Resident memory of a process in bytes, from /proc (Linux); undefined once it is gone. */
export function rssOf (pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

// USER_HZ: the unit of /proc/<pid>/stat times, 100 on every Linux this runs on.
const TICK_MS = 10

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMsOf (pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are 14, 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS
}

/** Samples a process's RSS every `everyMs` while running (stop/resume around what is not measured); keeps the peak. */
export function rssSampler (pid: number, everyMs = 100) {
  let peak = rssOf(pid) ?? 0
  const sample = () => { peak = Math.max(peak, rssOf(pid) ?? 0) }
  let timer: NodeJS.Timeout | undefined = setInterval(sample, everyMs)
  return {
    peak: () => peak,
    stop: () => { sample(); clearInterval(timer); timer = undefined },
    resume: () => { timer ??= setInterval(sample, everyMs) }
  }
}
