/** Exact arithmetic helpers: integer tenths, bigint rationals, rounding half away from zero. */

/** round(a / b) half away from zero, for integers a and b > 0. */
export function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return neg ? -q : q;
}

/** round(a / b) half away from zero for safe integers a and b > 0 (no float drift at our magnitudes). */
export function divRoundNumber(a: number, b: number): number {
  return Number(divRound(BigInt(a), BigInt(b)));
}

/** Integer cents → the JS number it denotes (9000 → 90, 9001 → 90.01). */
export function centsToNumber(c: bigint | number): number {
  return Number(c) / 100;
}

/** A non-negative decimal number with at most `places` decimals as an integer scaled by 10^places. */
export function scaled(v: number, places: number): bigint {
  const f = 10 ** places;
  return BigInt(Math.round(v * f));
}
