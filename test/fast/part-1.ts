// Part 1 of test:fast's files (parts.ts says how they are shared out).
import { runPart } from './parts.js'

await runPart(1)
