// A PostgreSQL server of the test's own, made with this machine's binaries in a temporary directory on a free
// loopback port, so a test may stop and start it without touching the shared server other tests run on.
// As root the binaries run as the `postgres` OS user (initdb and postgres refuse to run as root).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import type { Test } from 'tap'
import { freePort } from './server-process.js'

/** Where initdb and pg_ctl live; PG_BIN_DIR overrides this machine's PostgreSQL 15. */
export const PG_BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'
const isRoot = process.getuid?.() === 0

function postgresUser (): { uid: number, gid: number } | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) return undefined
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

/** Why a throwaway server cannot be made here, or undefined when it can. */
export function unavailableReason (): string | undefined {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!fs.existsSync(path.join(PG_BIN_DIR, tool))) return `no ${tool} in ${PG_BIN_DIR} (set PG_BIN_DIR to PostgreSQL 15's bin directory)`
  }
  if (isRoot && !postgresUser()) return 'running as root, and there is no `postgres` OS user to run initdb and postgres as'
  if (isRoot && spawnSync('runuser', ['--help']).error) return 'running as root without `runuser` to switch to the postgres user'
  return undefined
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication on the loopback only). */
  url: string
  /** `pg_ctl stop` in the given mode; waits until the server is gone. */
  stop: (mode: 'smart' | 'fast' | 'immediate') => void
  /** `pg_ctl start`; waits until it accepts connections. */
  start: () => void
  /** The server's log, for failure messages. */
  log: () => string
}

function run (tool: string, args: string[]): void {
  const binary = path.join(PG_BIN_DIR, tool)
  const result = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', binary, ...args], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message}):\n${result.stdout}${result.stderr}`)
  }
}

/** initdb + start; stopped (immediately) and deleted when `t` ends, or when the test process exits first. */
export async function createThrowawayPostgres (t: Test): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-pg-'))
  const owner = isRoot ? postgresUser() : undefined
  if (owner) fs.chownSync(dir, owner.uid, owner.gid)
  const data = path.join(dir, 'data')
  const logFile = path.join(dir, 'server.log')
  const port = await freePort()

  let running = false
  const server: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode) => {
      run('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', '30'])
      running = false
    },
    start: () => {
      // The socket lives in the temporary directory too, so nothing is left in /var/run/postgresql.
      run('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`])
      running = true
    },
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '')
  }
  const cleanUp = () => {
    if (running) {
      try { server.stop('immediate') } catch { /* already gone: nothing to stop */ }
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', cleanUp)
  t.teardown(() => {
    process.off('exit', cleanUp)
    cleanUp()
  })

  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'])
  server.start()
  return server
}
