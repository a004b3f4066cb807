/**
 * The command line's own sentences (kaoping, zh-CN only): what a command reports when done, and the errors a user
 * can cause (ExpectedError). Each text is a function of the values it shows. The commands' usage and help texts
 * stay in src/cli/cli.ts, in the command table that also drives the parsing. Messages that come from the commands
 * (problems, install and new-year reports) are the domain's and the workbook's (messages.ts, sheets.ts).
 */

/** ", 党支部" after the year when a branch is given. */
const withBranch = (branch: string | undefined) => (branch ? '，' + branch : '');

export const cliText = {
  // ---- common --------------------------------------------------------------------------------------------
  written: (out: string) => `已写入 ${out}。`,
  fileNotFound: (path: string) => `找不到文件：${path}`,
  fileUnreadable: (path: string, why: string) => `无法读取文件 ${path}：${why}`,
  workbookUnreadable: (path: string, why: string) => `无法读取工作簿 ${path}：${why}`,
  workbookInvalid: (path: string, why: string) => `无法读取工作簿 ${path}（不是有效的 .xlsx 文件？）：${why}`,
  sourceUnreadable: (path: string, why: string) => `无法读取 ${path}：${why}`,
  workbookNotMade: (why: string) => `无法生成工作簿：${why}`,
  notWritable: (path: string, why: string) => `无法写入 ${path}：${why}`,
  notInstalled: (path: string, table: string) => `${path} 中没有考评表（${table} 等），请先运行 kaoping install。`,
  internalError: (why: string) => `内部错误：${why}`,
  /** The source of a roster and what is wrong with it. */
  sourceProblem: (from: string, why: string) => `${from}：${why}`,

  // ---- arguments -------------------------------------------------------------------------------------------
  noCommand: '缺少命令。运行 kaoping --help 查看用法。',
  unknownCommand: (name: string) => `未知命令“${name}”。运行 kaoping --help 查看用法。`,
  unknownOption: (command: string, option: string, usage: string) => `命令 ${command} 没有选项“${option}”。用法：${usage}`,
  optionNeedsValue: (option: string, usage: string) => `选项 --${option} 缺少值。用法：${usage}`,
  needFiles: (usage: string) => `需要至少一个文件。用法：${usage}`,
  needWorkbookAndFiles: (usage: string) => `需要一个输入工作簿和至少一个文件。用法：${usage}`,
  needWorkbook: (usage: string) => `需要一个输入工作簿。用法：${usage}`,
  extraArgument: (arg: string, usage: string) => `多余的参数“${arg}”。用法：${usage}`,
  missingOption: (option: string, usage: string) => `缺少 --${option}。用法：${usage}`,
  badYear: (value: string) => `年度“${value}”无效，应为 2000～2100 之间的四位数字。`,

  // ---- init, install, template -----------------------------------------------------------------------------
  initDone: (out: string, year: number, branch: string | undefined, tables: number) =>
    `已新建考评工作簿 ${out}（${year} 年度${withBranch(branch)}），共 ${tables} 张考评表。`,
  initFromSchemeDone: (fingerprint: string, out: string, year: number, branch: string | undefined) =>
    `已按统一方案（方案指纹 ${fingerprint}）新建考评工作簿 ${out}（${year} 年度${withBranch(branch)}）。`,
  notAScheme: (path: string) => `${path} 不是统一方案（缺少考评参数表或考评细则表）。`,
  schemeRefused: (why: string) => `未应用统一方案：${why}`,
  schemeAlreadyFollowed: (fingerprint: string) => `工作簿已与统一方案一致（方案指纹 ${fingerprint}）。`,
  schemeApplied: (fingerprint: string, count: number) => `按统一方案（方案指纹 ${fingerprint}）改动 ${count} 项（名册和录入保留）：`,
  noSchemeTables: (path: string) => `${path} 中没有考评参数表（kp_Settings）和考评细则表（kp_Rubric）：请先安装考评表。`,
  schemeExported: (year: number, out: string, fingerprint: string) => `已导出 ${year} 年度统一方案 ${out}（方案指纹 ${fingerprint}）。`,

  // ---- import-roster, new-year -----------------------------------------------------------------------------
  noRoster: (from: string) => `${from} 中没有可导入的名册。`,
  rosterImported: (from: string, sheet: string, headerRow: number, members: number, added: number, updated: number, unchanged: number) =>
    `从 ${from} 的工作表“${sheet}”（表头在第 ${headerRow} 行）导入党员 ${members} 名：新增 ${added}，更新 ${updated}，未变 ${unchanged}。`,
  rosterMapping: (pairs: readonly { source: string; target: string }[]) => `列对应：${pairs.map((m) => `${m.source} → ${m.target}`).join('；')}`,
  rowsSkipped: (skipped: readonly { row: number; reason: string }[]) => `跳过 ${skipped.length} 行：${skipped.map((s) => `第 ${s.row} 行（${s.reason}）`).join('，')}`,
  newYearRosterImported: (from: string, sheet: string, members: number, added: number, updated: number, unchanged: number) =>
    `从 ${from} 的工作表“${sheet}”导入党员 ${members} 名：新增 ${added}，更新 ${updated}，未变 ${unchanged}。`,
  undoWithYear: '--undo 与 --year 不能同时使用：撤销新年度回到存档的年度。',
  undoWithFrom: '--undo 与 --from 不能同时使用：撤销新年度不导入名册。',
  newYearNeedsYear: '缺少 --year（新的考评年度）或 --undo（撤销新年度）。用法：kaoping new-year IN.xlsx --year Y -o OUT.xlsx',

  // ---- check, compute --------------------------------------------------------------------------------------
  problemLine: (error: boolean, at: string, message: string) => `  [${error ? '错误' : '警告'}] ${at}  ${message}`,
  noProblems: '未发现问题。',
  problemsFound: (errors: number, warnings: number) => `发现问题：错误 ${errors} 个，警告 ${warnings} 个。`,
  noBranchName: '（未填党支部名称）',
  evaluationLine: (branch: string, year: number, members: number, forms: number) => `${branch} ${year} 年度：党员 ${members} 名，使用评分 ${forms} 条。`,
  evaluationCounts: (c: { eligible: number; notEligible: number; veto: number; admonish: number; incomplete: number; invalid: number; exempt: number }) =>
    `  可评先树优 ${c.eligible} 名；不得评先树优 ${c.notEligible} 名（其中一票否决 ${c.veto} 名，诫勉谈话 ${c.admonish} 名）；` +
    `待补录 ${c.incomplete} 名；待核实 ${c.invalid} 名；免于考评 ${c.exempt} 名。`,
  /** Tags of the check report's sections. */
  sectionTag: { error: '错误', missing: '缺表', warning: '提醒' },
  foldedNote: '（同类问题已合并为一行；加 --verbose 逐条列出。）',
  postingMade: (sheets: readonly string[]) => `已生成公示材料：${sheets.map((s) => `“${s}”`).join('、')}。`,
  postingNotMade: '公示表未生成，原因：',

  // ---- report ----------------------------------------------------------------------------------------------
  memberNeedsId: '--member 需要党员编号，如 --member 001。',
  unknownMembers: (ids: readonly string[]) => `党员名册中没有编号 ${ids.join('、')}，未生成考评明细。`,
  noScoreSheetMembers: (path: string) => `${path} 的党员名册中没有可生成考评明细的党员。`,
  scoreSheetName: (year: number | null) => (year !== null ? `${year}年个人考评明细` : '个人考评明细'),
  scoreSheetsMade: (members: number, sheet: string) => `已生成考评明细：${members} 名党员，每人一页（A4）；文件中只有工作表“${sheet}”，不含测评表和评价人。`,
  lastYearFrom: (sheet: string) => `上年得分取自工作表“${sheet}”。`,
  scoreSheetNotCurrent: '  注意：考评结果尚未按当前数据计算（kaoping compute），明细按当前数据汇总，可能与考评结果、公示表不同；文件每页页眉写明了这一点。',
  scoreSheetPending: (id: string, name: string, result: string, notes: string) => `  注意：${id} ${name} ${result}${notes ? `（${notes}）` : ''}，明细中的分数不是最终结果。`,

  // ---- ballots, collect ------------------------------------------------------------------------------------
  badRound: (value: string) => `--round 应为 self、peer 或 mass，而不是“${value}”。`,
  badCodes: (value: string) => `--codes 应为 1～999 之间的整数，而不是“${value}”。`,
  reissueEmpty: '--reissue 应给出要重新分发的测评表编号或党员编号，如 --reissue Q07。',
  badRecord: (value: string) => `--record 应为 .xlsx 工作簿（分发记录写入其中），而不是“${value}”。`,
  ballotProblems: (problems: readonly string[]) => `${problems.join(' ')}（份数：--codes N；重新分发：--reissue 编号）`,
  noBallots: '没有要分发的测评表（名册中没有需要评价的党员？）。',
  folderNotMade: (dir: string, why: string) => `无法创建文件夹 ${dir}：${why}`,
  ballotsUndone: (why: string) => `${why}（分发记录未写入，已删除刚生成的测评表）`,
  ballotsMade: (count: number, dir: string) => `已生成 ${count} 份测评表，保存在 ${dir}：`,
  recordWritten: (path: string) => `分发记录已写入 ${path}：回收时请使用这个工作簿（只接收其中记录的测评表）。`,
  collectedFile: (file: string, verdict: string) => `${file}：${verdict}`,
  collectProblem: (error: boolean, message: string) => `  [${error ? '错误' : '警告'}] ${message}`,
  replaceHint: '  如确认以此文件为准，请加 --replace 重新运行。',
  collectDone: (summary: string, out: string) => `${summary}已写入 ${out}。`,

  // ---- rollup ----------------------------------------------------------------------------------------------
  schemeUnreadable: (path: string, why: string) => `无法读取统一方案 ${path}：${why}`,
  noWorkbooks: '没有一个文件是考评工作簿，未生成汇总。',
  rollupBranch: (file: string, branch: string, verdict: string, counted: { members: number; mean: number | string | null } | null) =>
    `${file}：${branch || '—'}，${verdict}${counted ? `（党员 ${counted.members} 名，平均分 ${counted.mean ?? '—'}）` : ''}`,
  rollupDone: (
    year: number | null | undefined,
    t: { branches: number; members: number; evaluated: number; mean: number | string | null; eligible: number; below_admonish: number; veto: number; incomplete: number },
    out: string,
  ) =>
    `${year ?? ''} 年度汇总：计入 ${t.branches} 个党支部，党员 ${t.members} 名，参评 ${t.evaluated} 名，平均分 ${t.mean ?? '—'}；可评先树优 ${t.eligible} 名，诫勉谈话 ${t.below_admonish} 名，一票否决 ${t.veto} 名，待补录 ${t.incomplete} 名。已写入 ${out}。`,
};
