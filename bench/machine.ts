// What the figures were measured on: CPU, cores, memory, Node and PostgreSQL versions, date.
import fs from 'node:fs'
import os from 'node:os'

export interface Machine { cpu: string, cores: number, ramGiB: number, node: string, postgres: string, date: string }

export function machine (postgresVersion: string): Machine {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8')
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    ramGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    node: process.version,
    postgres: postgresVersion,
    date: new Date().toISOString().slice(0, 10)
  }
}
