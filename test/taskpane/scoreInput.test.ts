import { checkScore, formatTenths, toHalfWidth } from '../../src/taskpane/scoreInput';

describe('score input', () => {
  it('accepts full-width digits, the full-width point and spaces', () => {
    expect(toHalfWidth(' ９．５ ')).toBe('9.5');
    expect(checkScore('９．５', 10)).toEqual({ kind: 'ok', tenths: 95, normalized: '9.5' });
    expect(checkScore('　12 ', 15)).toEqual({ kind: 'ok', tenths: 120, normalized: '12' });
  });
  it('treats an empty box as blank', () => {
    expect(checkScore('  ', 10)).toEqual({ kind: 'blank' });
  });
  it('rejects text, more than one decimal and out-of-range scores', () => {
    expect(checkScore('优', 10)).toEqual({ kind: 'error', key: 'errNotNumber' });
    expect(checkScore('9分', 10)).toEqual({ kind: 'error', key: 'errNotNumber' });
    expect(checkScore('9.55', 10)).toEqual({ kind: 'error', key: 'errDecimals' });
    expect(checkScore('10.1', 10)).toEqual({ kind: 'error', key: 'errRange' });
    expect(checkScore('-1', 10)).toEqual({ kind: 'error', key: 'errRange' });
    expect(checkScore('9.50', 10)).toEqual({ kind: 'ok', tenths: 95, normalized: '9.5' });
  });
  it('formats tenths exactly', () => {
    expect(formatTenths(0.1 * 10 + 0.2 * 10)).toBe('0.3');
    expect(formatTenths(1000)).toBe('100');
  });
});
