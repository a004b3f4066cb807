import { Cell, Row, Sheet } from '../../src/host/model/model';

describe('Row (the cells of one row)', () => {
  it('keeps cells by column and gives them back in column order, whatever order they were made in', () => {
    const row = new Row();
    const a = new Cell(1), b = new Cell(2), c = new Cell(3);
    row.set(5, c); row.set(0, a); row.set(2, b);
    expect(row.size).toBe(3);
    expect([...row.keys()]).toEqual([0, 2, 5]);
    expect([...row].map(([k, x]) => [k, x.value])).toEqual([[0, 1], [2, 2], [5, 3]]);
    expect(row.get(2)).toBe(b);
    expect(row.get(1)).toBeUndefined();
    expect(row.has(5)).toBe(true);
  });

  it('counts a replaced cell once and forgets a deleted one', () => {
    const row = new Row();
    row.set(3, new Cell('x'));
    const y = new Cell('y');
    row.set(3, y);
    expect(row.size).toBe(1);
    expect(row.get(3)).toBe(y);
    expect(row.delete(3)).toBe(true);
    expect(row.delete(3)).toBe(false);
    expect(row.size).toBe(0);
    expect([...row.keys()]).toEqual([]);
  });

  it('gives back a few cells far apart (column A and the last column) in order, a deleted one left out', () => {
    const row = new Row();
    row.set(16383, new Cell('last'));
    row.set(0, new Cell('first'));
    row.set(700, new Cell('middle'));
    row.delete(700);
    expect([...row.keys()]).toEqual([0, 16383]);
    const seen: number[] = [];
    row.forEach((_cell, c) => seen.push(c));
    expect(seen).toEqual([0, 16383]);
    const asked: number[] = [];
    expect(row.every((cell, c) => { asked.push(c); return cell.value === 'first'; })).toBe(false);
    expect(asked).toEqual([0, 16383]);
    expect(row.every((cell) => typeof cell.value === 'string')).toBe(true);
  });

  it('is what a sheet keeps its cells in', () => {
    const sheet = new Sheet(1, 'S');
    sheet.ensure(4, 9).value = 'j5';
    sheet.ensure(4, 1).value = 'b5';
    expect(sheet.rows.get(4)).toBeInstanceOf(Row);
    expect([...sheet.cellsIn({ r0: 0, c0: 0, r1: 10, c1: 10 })].map(([r, c, x]) => [r, c, x.value])).toEqual([[4, 1, 'b5'], [4, 9, 'j5']]);
  });
});
