// How `npm start` runs the service: Node's arguments from package.json's start script (the V8 flags, then the
// entry point). The benchmark and the process tests run the service the same way, and the deployment test
// checks that the Docker image does too.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** `["--max-old-space-size=…", "dist/server.js"]` for a start script `node --max-old-space-size=… dist/server.js`. */
export function startArgs (): string[] {
  const script: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start
  const [command, ...args] = script.trim().split(/\s+/)
  if (command !== 'node' || args.at(-1) !== 'dist/server.js') {
    throw new Error(`package.json's start script should be "node [flags] dist/server.js", not "${script}"`)
  }
  return args
}
