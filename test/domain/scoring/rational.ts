// An exact reader of the formulas the ranking's explanations write out ("0.5 × 20 + 0.5 × 20 × (96 − 90) / (98 − 90)"):
// decimals, +, −, ×, / and parentheses, computed as BigInt fractions, so a test checks the written formula itself
// against the points, independently of the engine's integer arithmetic.

interface Fraction { n: bigint, d: bigint }

function decimal (text: string): Fraction {
  const [whole, places = ''] = text.split('.')
  return { n: BigInt(whole + places), d: 10n ** BigInt(places.length) }
}

const apply = (op: string, a: Fraction, b: Fraction): Fraction => {
  switch (op) {
    case '+': return { n: a.n * b.d + b.n * a.d, d: a.d * b.d }
    case '−': return { n: a.n * b.d - b.n * a.d, d: a.d * b.d }
    case '×': return { n: a.n * b.n, d: a.d * b.d }
    case '/': return { n: a.n * b.d, d: a.d * b.n }
  }
  throw new Error(`unknown operator ${op}`)
}

/** The formula's exact value in hundredths, rounded half up (the values are never negative); throws on anything else. */
export function evaluate (formula: string): number {
  const tokens = formula.match(/\d+(?:\.\d+)?|[+−×/()]|\S/g) ?? []
  let at = 0
  const next = () => tokens[at++]
  // expression := term (('+' | '−') term)*; term := factor (('×' | '/') factor)*; factor := number | '(' expression ')'
  const factor = (): Fraction => {
    const token = next()
    if (token === '(') {
      const inner = expression()
      if (next() !== ')') throw new Error(`unbalanced: ${formula}`)
      return inner
    }
    if (token === undefined || !/^\d/.test(token)) throw new Error(`a number expected in: ${formula}`)
    return decimal(token)
  }
  const binary = (operand: () => Fraction, ops: string[]) => (): Fraction => {
    let value = operand()
    while (ops.includes(tokens[at])) value = apply(next(), value, operand())
    return value
  }
  const term = binary(factor, ['×', '/'])
  const expression = binary(term, ['+', '−'])
  const value = expression()
  if (at !== tokens.length) throw new Error(`left over in: ${formula}`)
  if (value.d <= 0n || value.n < 0n) throw new Error(`not a non-negative value: ${formula}`)
  return Number((2n * 100n * value.n + value.d) / (2n * value.d))
}
