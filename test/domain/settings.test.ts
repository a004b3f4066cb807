import { COLUMNS, SHEETS } from '../../src/domain/contract';
import { DEFAULT_SETTINGS, SETTING_ITEMS, parseSettings, settingsToRows, type Settings } from '../../src/domain/settings';
import type { RawCell } from '../../src/domain/types';
import { block } from './build';

const parse = (rows: RawCell[][]) => parseSettings(block(SHEETS.settings, COLUMNS.settings, rows), 'zh-CN');

describe('settings', () => {
  it('has the defaults of SPEC §2', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      weights: { self: 1, peer: 1, mass: 1 }, trimPeer: false, trimMass: false, trimMinForms: 5, bonusCap: null,
      allowDeductions: false, eligibleThreshold: 90, admonishThreshold: 60, language: 'zh-CN',
      entryMode: { self: 'dimensions', peer: 'dimensions', mass: 'dimensions' },
    });
  });
  it('every item has a unique zh and en label and help', () => {
    expect(new Set(SETTING_ITEMS.map((i) => i.label)).size).toBe(SETTING_ITEMS.length);
    expect(new Set(SETTING_ITEMS.map((i) => i.labelEn)).size).toBe(SETTING_ITEMS.length);
    expect(SETTING_ITEMS.every((i) => i.help.length > 0)).toBe(true);
  });
  it('round-trips through settingsToRows / parseSettings, yes/no as 是/否', () => {
    const s: Settings = {
      ...DEFAULT_SETTINGS, year: 2027, branch: '某支部', weights: { self: 0.2, peer: 0.5, mass: 0.3 },
      entryMode: { self: 'total', peer: 'dimensions', mass: 'total' }, trimPeer: true, trimMass: false, trimMinForms: 7,
      bonusCap: 3, allowDeductions: true, eligibleThreshold: 85.5, admonishThreshold: 59, postingStart: '2027-01-05',
      postingEnd: '2027-01-12', phone: '0535-1234567', language: 'en-US',
      labels: { ...DEFAULT_SETTINGS.labels, eligible: '优秀' },
    };
    const rows = settingsToRows(s);
    expect(rows.find((r) => r[0] === '互评去掉最高分和最低分')![1]).toBe('是');
    expect(rows.find((r) => r[0] === '允许扣分')![1]).toBe('是');
    expect(rows.find((r) => r[0] === '年度')![1]).toBe(2027);
    const { settings, problems } = parse(rows);
    expect(problems).toEqual([]);
    expect(settings).toEqual(s);
  });
  it('missing rows take defaults; unknown rows are ignored; rows found by label in any order', () => {
    const { settings, problems } = parse([['备注', '随便写'], ['诫勉谈话分数线', 55], ['年度', '２０２６']]);
    expect(problems).toEqual([]);
    expect(settings.admonishThreshold).toBe(55);
    expect(settings.year).toBe(2026);
    expect(settings.eligibleThreshold).toBe(90);
  });
  it('a bad value is setting_invalid naming the cell, and the default is used', () => {
    const { settings, problems } = parse([['年度', 2026], ['评先树优分数线', '九十'], ['互评去掉最高分和最低分', '也许'], ['去掉最高最低分的最少表数', 2]]);
    expect(problems.map((p) => [p.code, p.cell])).toEqual([['setting_invalid', 'B3'], ['setting_invalid', 'B4'], ['setting_invalid', 'B5']]);
    expect(problems[0].message).toContain('默认值 90');
    expect(settings.eligibleThreshold).toBe(90);
    expect(settings.trimPeer).toBe(false);
    expect(settings.trimMinForms).toBe(5);
  });
  it('weights must not all be 0; entry modes are 分项/合计; a blank bonus cap is no cap; date serials become dates', () => {
    const { settings, problems } = parse([
      ['自评权重', 0], ['互评权重', 0], ['群众参评权重', 0], ['互评录入方式', '合计'], ['加分上限', ''], ['公示开始日期', 46000],
    ]);
    expect(problems.map((p) => p.code)).toEqual(['setting_invalid']);
    expect(settings.weights).toEqual({ self: 1, peer: 1, mass: 1 });
    expect(settings.entryMode.peer).toBe('total');
    expect(settings.bonusCap).toBeNull();
    expect(settings.postingStart).toBe('2025-12-09');
  });
  it('labels the workbook does not set follow the language setting', () => {
    const { settings } = parse([['界面语言', 'en-US'], ['评定结果：待补录', '缺']]);
    expect(settings.labels.eligible).toBe('Passed, eligible for awards');
    expect(settings.labels.incomplete).toBe('缺');
    expect(parse([['界面语言', '中文']]).settings.labels.eligible).toBe('合格，可参加评先树优');
  });
  it('a table without 项目/值 columns gives missing_column and all defaults', () => {
    const r = parseSettings(block(SHEETS.settings, ['名称', '内容'], [['年度', 2030]]), 'zh-CN');
    expect(r.problems.map((p) => p.code)).toEqual(['missing_column', 'missing_column']);
    expect(r.settings.year).toBe(DEFAULT_SETTINGS.year);
  });
});
