/**
 * Reading what a secretary types into a score box: full-width digits and the full-width point are accepted
 * (Chinese input methods produce them), spaces are ignored. Scores are kept in tenths so totals are exact.
 */
import type { StringKey } from '../domain/texts/pane';

export type ScoreCheck =
  | { kind: 'blank' }
  | { kind: 'ok'; tenths: number; normalized: string }
  | { kind: 'error'; key: Extract<StringKey, 'errNotNumber' | 'errRange' | 'errDecimals'> };

/** Converts full-width digits, point and minus to ASCII and strips every kind of space. */
export function toHalfWidth(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/\uFF0D/g, '-')
    .replace(/[\s\u3000]/g, '');
}

export function checkScore(raw: string, points: number): ScoreCheck {
  const s = toHalfWidth(raw);
  if (s === '') return { kind: 'blank' };
  if (!/^-?\d+(\.\d*)?$|^-?\.\d+$/.test(s)) return { kind: 'error', key: 'errNotNumber' };
  const [, decimals = ''] = s.split('.');
  if (decimals.replace(/0+$/, '').length > 1) return { kind: 'error', key: 'errDecimals' };
  const tenths = Math.round(Number(s) * 10);
  if (tenths < 0 || tenths > points * 10) return { kind: 'error', key: 'errRange' };
  return { kind: 'ok', tenths, normalized: formatTenths(tenths) };
}

export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.floor(abs / 10);
  const rest = abs % 10;
  return rest === 0 ? `${sign}${whole}` : `${sign}${whole}.${rest}`;
}
