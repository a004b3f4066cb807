import { mergeRoster, parseRosterGrid, type RosterRow } from '../../../src/domain/rosterGrid';

const E = '';

describe('parseRosterGrid', () => {
  it('finds the header under a merged title, follows group heading rows, skips blank and total rows', () => {
    const values = [
      ['某支部2025年度考评汇总表', E, E, E],
      ['填报单位：机关党支部', E, E, '填报日期：2025年12月28日'],
      ['序号', '姓  名', '类别', '最终得分'],
      ['第一党小组', E, E, E],
      [1, '张　三', '机关党员', 95],
      [2, ' 李四 ', '离退休党员', 88],
      [E, E, E, E],
      ['第二党小组', E, E, E],
      [3, '王五', '机关党员', 91],
      ['合计', '共3人', E, E],
      ['注：本表由党支部填写', E, E, E],
    ];
    const p = parseRosterGrid({ sheet: '汇总', values, firstRow: 1, firstColumn: 0 });
    expect(p.headerRow).toBe(3);
    expect(p.members.map((m) => [m.id, m.name, m.group, m.category, m.sourceRow])).toEqual([
      ['1', '张三', '第一党小组', '机关党员', 5],
      ['2', '李四', '第一党小组', '离退休党员', 6],
      ['3', '王五', '第二党小组', '机关党员', 9],
    ]);
    expect(p.mapping).toEqual([
      { source: '序号', target: '编号' },
      { source: '姓  名', target: '姓名' },
      { source: '类别', target: '类别' },
    ]);
    expect(p.skipped.map((s) => s.row)).toEqual([4, 7, 8, 10, 11]);
    expect(p.skipped.find((s) => s.row === 10)?.reason).toBe('合计行');
    // Two padded names are reported as warnings with their cells.
    expect(p.problems.filter((x) => x.severity === 'warning').map((x) => x.cell)).toEqual(['B5', 'B6']);
  });

  it('reads a two-line header and a grid that starts off A1', () => {
    const values = [
      ['基本情况', E, E, '得分'],
      ['党员编号', '姓名', '所在党小组', E],
      [E, E, E, '自评'],
      ['A7', '赵六', '一组', 90],
    ];
    const p = parseRosterGrid({ sheet: 'S', values, firstRow: 3, firstColumn: 2 });
    expect(p.headerRow).toBe(4);
    expect(p.members).toHaveLength(1);
    expect(p.members[0]).toMatchObject({ id: 'A7', idFrom: 'id', name: '赵六', group: '一组', sourceRow: 6 });
  });

  it('keeps duplicate names as two people and reports them', () => {
    const values = [
      ['姓名', '党小组'],
      ['张三', '一组'],
      ['张三', '二组'],
    ];
    const p = parseRosterGrid({ sheet: 'S', values, firstRow: 1, firstColumn: 0 });
    expect(p.members.map((m) => m.group)).toEqual(['一组', '二组']);
    expect(p.problems.some((x) => x.message.includes('张三'))).toBe(true);
  });

  it('says so when no header has 姓名', () => {
    const p = parseRosterGrid({ sheet: 'S', values: [['a', 'b']], firstRow: 1, firstColumn: 0 });
    expect(p.members).toEqual([]);
    expect(p.problems[0].code).toBe('missing_column');
  });
});

describe('mergeRoster', () => {
  const existing: RosterRow[] = [
    { id: '001', name: '张三', group: '一组', category: '机关党员', exempt: '', note: '老备注' },
    { id: '002', name: '李四', group: '一组', category: '机关党员', exempt: '', note: '' },
  ];
  it('merges by name when the source has no 编号 column, assigns next free zero-padded 编号, never drops rows', () => {
    const p = parseRosterGrid({
      sheet: 'S',
      values: [['姓名', '党小组'], ['李四', '二组'], ['王五', '二组'], ['张三', '']],
      firstRow: 1,
      firstColumn: 0,
    });
    const m = mergeRoster(existing, p, '机关党员');
    expect(m.rows.map((r) => [r.id, r.name, r.group, r.note])).toEqual([
      ['001', '张三', '一组', '老备注'],
      ['002', '李四', '二组', ''],
      ['003', '王五', '二组', ''],
    ]);
    expect([m.added, m.updated, m.unchanged]).toEqual([1, 1, 1]);
    expect(m.updatedIndexes).toEqual([1]);
  });

  it('merges by 编号 when the source has one, and pads plain-number 编号 like the roster', () => {
    const p = parseRosterGrid({
      sheet: 'S',
      values: [['编号', '姓名'], [1, '张三丰'], [7, '赵七']],
      firstRow: 1,
      firstColumn: 0,
    });
    const m = mergeRoster(existing, p, '机关党员');
    expect(m.rows.map((r) => [r.id, r.name])).toEqual([
      ['001', '张三丰'],
      ['002', '李四'],
      ['007', '赵七'],
    ]);
  });

  it('gives a 序号 that clashes with an existing 编号 the next free one', () => {
    const p = parseRosterGrid({ sheet: 'S', values: [['序号', '姓名'], [1, '新人']], firstRow: 1, firstColumn: 0 });
    const m = mergeRoster(existing, p, '机关党员');
    expect(m.rows[2]).toMatchObject({ id: '003', name: '新人', category: '机关党员' });
  });
});
