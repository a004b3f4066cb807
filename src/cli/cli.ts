/** The `kaoping` commands: names, arguments and help (SPEC §5). Parsing and dispatch are in commands.ts. */

export interface OptionDef {
  name: string;
  /** Short alias, e.g. "o". */
  short?: string;
  takesValue: boolean;
  help: string;
}

export interface CommandDef {
  name: string;
  usage: string;
  summary: string;
  /**
   * Number of positional arguments (the input workbook); 'many': the input workbook and at least one file;
   * 'files': at least one file.
   */
  positionals: 0 | 1 | 'many' | 'files';
  options: OptionDef[];
  /** Options that must be given. */
  required: string[];
}

const output: OptionDef = { name: 'output', short: 'o', takesValue: true, help: '输出工作簿（先写入同一文件夹中的临时文件，完成后再改名，绝不留下写了一半的文件）' };
const json: OptionDef = { name: 'json', takesValue: false, help: '以 JSON 输出结果（一个 JSON 对象）' };

export const COMMANDS: CommandDef[] = [
  {
    name: 'init',
    usage: 'kaoping init -o OUT.xlsx [--year Y] [--branch NAME] [--template SCHEME.xlsx]',
    summary: '新建工作簿并安装全部考评表（--template：按上级下发的统一方案）',
    positionals: 0,
    options: [
      output,
      { name: 'year', takesValue: true, help: '考评年度，如 2026' },
      { name: 'branch', takesValue: true, help: '党支部名称' },
      { name: 'template', takesValue: true, help: '上级下发的统一方案文件（kaoping template 导出）' },
    ],
    required: ['output'],
  },
  {
    name: 'install',
    usage: 'kaoping install IN.xlsx -o OUT.xlsx [--template SCHEME.xlsx]',
    summary: '在已有工作簿中安装（或修复）考评表，不改动原有工作表（--template：应用上级统一方案，先列出改动）',
    positionals: 1,
    options: [output, { name: 'template', takesValue: true, help: '上级下发的统一方案：名册和录入保留，方案规定的参数和细则改为方案的' }],
    required: ['output'],
  },
  {
    name: 'import-roster',
    usage: 'kaoping import-roster IN.xlsx --from SRC.xlsx|.xls|.et|.ods|.csv [--sheet S] -o OUT.xlsx',
    summary: '从其他工作簿（如上一年度的汇总表）导入党员名册',
    positionals: 1,
    options: [output, { name: 'from', takesValue: true, help: '来源文件：.xlsx .xlsm .xls .et .ods .csv .txt（只读）' }, { name: 'sheet', takesValue: true, help: '来源工作表（默认：自动查找含“姓名”表头的工作表）' }],
    required: ['output', 'from'],
  },
  {
    name: 'check',
    usage: 'kaoping check IN.xlsx [--json] [--verbose]',
    summary: '只校验：先列错误，再列还缺的测评表，最后是提醒（同类合并为一行）',
    positionals: 1,
    options: [json, { name: 'verbose', short: 'v', takesValue: false, help: '同类问题逐条列出（每处一行）' }],
    required: [],
  },
  {
    name: 'compute',
    usage: 'kaoping compute IN.xlsx -o OUT.xlsx [--json]',
    summary: '校验并计算考评结果（条件允许时同时生成公示表）',
    positionals: 1,
    options: [output, json],
    required: ['output'],
  },
  {
    name: 'new-year',
    usage: 'kaoping new-year IN.xlsx --year Y [--from ROSTER.xls|.et|.csv|…] -o OUT.xlsx | --undo -o OUT.xlsx',
    summary: '转入新年度：上年全部表格存档在工作簿中，清空录入；--undo 撤销（新年度尚未录入时）',
    positionals: 1,
    options: [
      output,
      { name: 'year', takesValue: true, help: '新的考评年度' },
      { name: 'from', takesValue: true, help: '新年度名册的来源文件（任一格式，只读）' },
      { name: 'undo', takesValue: false, help: '撤销新年度：新年度还没有录入任何内容时，按存档恢复上一年度的全部表格' },
    ],
    required: ['output'],
  },
  {
    name: 'report',
    usage: 'kaoping report IN.xlsx [--member ID] [--year Y] -o OUT.xlsx',
    summary: '生成个人考评明细：输出文件只含考评明细（每名党员一页 A4），不含测评表、评价人和单张测评表分数',
    positionals: 1,
    options: [
      { ...output, help: '输出文件：一个只含“个人考评明细”的新工作簿（输入工作簿不变）' },
      { name: 'member', takesValue: true, help: '党员编号（默认：全部党员；多个用逗号分隔，如 001,002）' },
      { name: 'year', takesValue: true, help: '存档在工作簿中的往年年度（新年度时存档，如 2025）' },
    ],
    required: ['output'],
  },
  {
    name: 'ballots',
    usage: 'kaoping ballots IN.xlsx --round self|peer|mass [--group G] [--codes N | --reissue Q07,…] -o DIR/ --record OUT.xlsx',
    summary: '分发测评表：每位评价人一个 .xlsx 文件（群众参评、匿名互评用测评表编号 Q01、Q02…），分发记录写入 OUT.xlsx',
    positionals: 1,
    options: [
      { name: 'output', short: 'o', takesValue: true, help: '存放测评表文件的文件夹（不存在时新建）' },
      { name: 'round', takesValue: true, help: 'self（党员自评）、peer（党员互评）或 mass（群众参评）' },
      { name: 'group', takesValue: true, help: '只为这个党小组分发' },
      { name: 'codes', takesValue: true, help: '匿名测评表的份数（群众参评必填；互评时为每个党小组的份数）' },
      { name: 'reissue', takesValue: true, help: '重新分发丢失的测评表：测评表编号或党员编号，多个用逗号分隔（原文件随即作废）' },
      { name: 'record', takesValue: true, help: '写入分发记录（各测评表的防伪码）的工作簿，可与 IN.xlsx 相同；回收时只接收记录中的测评表' },
    ],
    required: ['output', 'round', 'record'],
  },
  {
    name: 'collect',
    usage: 'kaoping collect IN.xlsx FILE... -o OUT.xlsx [--json] [--replace]',
    summary: '回收测评表：逐个文件核对并合并（每个文件一行结果）',
    positionals: 'many',
    options: [
      output,
      json,
      { name: 'replace', takesValue: false, help: '工作簿中已有同一评价人的不同分数时，以交回的文件为准（默认不覆盖）' },
    ],
    required: ['output'],
  },
  {
    name: 'template',
    usage: 'kaoping template IN.xlsx -o SCHEME.xlsx',
    summary: '导出统一方案：年度、各类别考评细则和影响得分的全部参数（带方案指纹），供各党支部安装',
    positionals: 1,
    options: [output],
    required: ['output'],
  },
  {
    name: 'rollup',
    usage: 'kaoping rollup FILE... -o OUT.xlsx [--year Y] [--scheme SCHEME.xlsx] [--json]',
    summary: '党委汇总：把各党支部的考评工作簿（或 .zip）汇总为一个工作簿（汇总表、全体党员、需关注名单、问题）',
    positionals: 'files',
    options: [
      output,
      json,
      { name: 'year', takesValue: true, help: '汇总年度（默认：多数文件的年度）' },
      { name: 'scheme', takesValue: true, help: '上级下发的统一方案文件：逐个核对各党支部的参数和细则' },
    ],
    required: ['output'],
  },
];

export function helpText(): string {
  const lines = [
    'kaoping — 党员分类量化考评（命令行）',
    '',
    '用法：',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(72)}${c.summary}`),
    '',
    '退出码：0 完成；1 完成但发现问题（错误）；2 未执行（用法错误或文件无法读取）。',
    '每个命令都可加 --help 查看说明。',
  ];
  return lines.join('\n');
}

export function commandHelp(c: CommandDef): string {
  return [
    `用法：${c.usage}`,
    c.summary,
    '',
    ...c.options.map((o) => `  ${(o.short ? `-${o.short}, ` : '    ') + `--${o.name}${o.takesValue ? ' VALUE' : ''}`.padEnd(20)}${o.help}`),
  ].join('\n');
}
