/** Exact arithmetic helpers: integer tenths, rationals, rounding half away from zero. */

/** round(a / b) half away from zero, for integers a and b > 0. */
export function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return neg ? -q : q;
}

const SAFE = 2 ** 52;

/**
 * round(a / b) half away from zero for integers held in doubles, b > 0. Exact: with 2|a| + b below 2^52 and
 * b below 2^20 the quotient's fractional part is at least 1/(2b) away from the next integer, far above the
 * division's rounding error, so Math.floor gives the exact integer quotient. Otherwise falls back to bigint.
 */
export function divRoundNumber(a: number, b: number): number {
  const abs = a < 0 ? -a : a;
  if (2 * abs + b < SAFE && b < 1048576) {
    const q = Math.floor((2 * abs + b) / (2 * b));
    return a < 0 ? -q : q;
  }
  return Number(divRound(BigInt(a), BigInt(b)));
}

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
