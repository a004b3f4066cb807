import {
  cellAddress, columnLetter, evaluatorKey, idKey, isBlank, normalizeId, normalizeName, numberText, parseScore, parseYesNo,
} from '../../src/domain/parse';

describe('parseScore', () => {
  it('reads one-decimal numbers as exact tenths', () => {
    expect(parseScore(9.2)).toEqual({ kind: 'number', tenths: 92, fromText: false });
    expect(parseScore(15)).toEqual({ kind: 'number', tenths: 150, fromText: false });
    expect(parseScore(0)).toEqual({ kind: 'number', tenths: 0, fromText: false });
    expect(parseScore(0.1)).toEqual({ kind: 'number', tenths: 1, fromText: false });
    expect(parseScore(-1)).toEqual({ kind: 'number', tenths: -10, fromText: false });
  });
  it('rejects more than one decimal by the decimal text, not by float arithmetic', () => {
    expect(parseScore(9.25)).toEqual({ kind: 'too_many_decimals' });
    expect(parseScore(0.05)).toEqual({ kind: 'too_many_decimals' });
    expect(parseScore('9.25')).toEqual({ kind: 'too_many_decimals' });
    // 1.15 * 10 is 11.499999999999998 in floats; still two decimals.
    expect(parseScore(1.15)).toEqual({ kind: 'too_many_decimals' });
  });
  it('normalises Excel doubles to 15 significant digits (13.799999999999999 is 13.8)', () => {
    expect(numberText(13.799999999999999)).toBe('13.8');
    expect(parseScore(13.799999999999999)).toEqual({ kind: 'number', tenths: 138, fromText: false });
    expect(parseScore(0.1 + 0.2)).toEqual({ kind: 'number', tenths: 3, fromText: false });
    expect(parseScore(13.9 - 0.1)).toEqual({ kind: 'number', tenths: 138, fromText: false });
  });
  it('counts numbers typed as text, full-width or padded, flagged fromText', () => {
    expect(parseScore('９.５')).toEqual({ kind: 'number', tenths: 95, fromText: true });
    expect(parseScore(' 9.5 ')).toEqual({ kind: 'number', tenths: 95, fromText: true });
    expect(parseScore('\u30009.5')).toEqual({ kind: 'number', tenths: 95, fromText: true });
    expect(parseScore('10')).toEqual({ kind: 'number', tenths: 100, fromText: true });
    expect(parseScore('9.50')).toEqual({ kind: 'number', tenths: 95, fromText: true });
    expect(parseScore('－1')).toEqual({ kind: 'number', tenths: -10, fromText: true });
  });
  it('rejects text that is not a number', () => {
    for (const t of ['优', '十', '9分', 'abc', '9.5.1', '.', '1e1', '+']) expect(parseScore(t)).toEqual({ kind: 'not_a_number' });
    expect(parseScore(true)).toEqual({ kind: 'not_a_number' });
  });
  it('recognises Excel error values', () => {
    for (const t of ['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#SPILL!', '#CALC!'])
      expect(parseScore(t)).toEqual({ kind: 'error_value' });
    expect(parseScore('#优')).toEqual({ kind: 'not_a_number' });
  });
  it('treats empty, null and whitespace-only cells as blank', () => {
    for (const t of ['', null, '   ', '\u3000']) expect(parseScore(t)).toEqual({ kind: 'blank' });
    expect(isBlank('\u3000 ')).toBe(true);
    expect(isBlank('x')).toBe(false);
    expect(isBlank(0)).toBe(false);
  });
});

describe('parseYesNo', () => {
  it('accepts the yes and no spellings, trimmed, case-insensitive, full-width', () => {
    for (const y of ['是', 'Y', 'y', 'YES', 'yes', '1', 'TRUE', 'true', ' 是 ', 'ＹＥＳ', 1, true]) expect(parseYesNo(y)).toBe(true);
    for (const n of ['否', 'N', 'n', 'NO', 'no', '0', 'FALSE', 'false', 0, false]) expect(parseYesNo(n)).toBe(false);
  });
  it('blank is null, anything else invalid', () => {
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo(null)).toBeNull();
    for (const x of ['待定', '可能', 2, 'OK']) expect(parseYesNo(x)).toBe('invalid');
  });
});

describe('names and ids', () => {
  it('normalizeName removes spaces inside Chinese names and keeps single spaces between Latin words', () => {
    expect(normalizeName('张　三')).toBe('张三');
    expect(normalizeName(' 张 三 ')).toBe('张三');
    expect(normalizeName('John   Smith')).toBe('John Smith');
    expect(normalizeName('\u3000李四\u3000')).toBe('李四');
    expect(normalizeName(null)).toBe('');
  });
  it('normalizeId trims, converts full-width and numbers', () => {
    expect(normalizeId(' 001 ')).toBe('001');
    expect(normalizeId('００１')).toBe('001');
    expect(normalizeId(1)).toBe('1');
    expect(normalizeId(null)).toBe('');
  });
  it('idKey lets "1" and "001" match, and keeps other ids', () => {
    expect(idKey('001')).toBe(idKey('1'));
    expect(idKey('000')).toBe('0');
    expect(idKey('A01')).not.toBe(idKey('A1'));
    expect(idKey('q01')).toBe(idKey('Q01'));
    expect(evaluatorKey(' Q01 ')).toBe(evaluatorKey('q01'));
    expect(evaluatorKey(1)).toBe(evaluatorKey('001'));
  });
  it('cell addresses', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(701)).toBe('ZZ');
    expect(columnLetter(702)).toBe('AAA');
    expect(cellAddress(7, 4)).toBe('E7');
  });
});
