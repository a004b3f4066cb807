/**
 * A small but real in-memory implementation of KaopingCommands for component tests: it keeps a roster,
 * entries per round, settings and results, validates what it is given and computes results the way
 * SPEC §2 says (in tenths, so exactly). Every call is recorded in `calls` so tests can assert what the
 * pane asked for.
 */
import type { Rubric } from '../../src/domain/rubric';
import { ROUNDS, type MemberResult, type Problem, type Round } from '../../src/domain/types';
import type {
  CheckReport,
  ComputeReport,
  EntryForm,
  FormRowInput,
  InstallReport,
  KaopingCommands,
  MemberReviewInput,
  NewYearPlan,
  MemberPlanView,
  NewYearReport,
  NewYearUndoReport,
  ReviewData,
  SaveReviewReport,
  PostingOptions,
  PostingReport,
  ProgressReport,
  RosterEntry,
  ScoreSheetRequest,
  ScoreSheetResult,
  RosterImportPreview,
  RosterImportReport,
  SaveFormReport,
  SettingsView,
  WorkbookStatus,
} from '../../src/workbook/commandTypes';

export const DIMENSIONS: { name: string; points: number; text: string }[] = [
  { name: '理想信念', points: 10, text: '坚定理想信念' },
  { name: '宗旨意识', points: 10, text: '全心全意为人民服务' },
  { name: '爱岗敬业', points: 15, text: '热爱本职岗位' },
  { name: '学习教育', points: 15, text: '认真学习' },
  { name: '工作绩效', points: 15, text: '卓有成效' },
  { name: '道德品质', points: 15, text: '四德' },
  { name: '廉洁自律', points: 10, text: '遵纪守法' },
  { name: '服务社会', points: 10, text: '社会公益' },
];

const TABLE_NAMES = ['kp_Settings', 'kp_Rubric', 'kp_Roster', 'kp_Self', 'kp_Peer', 'kp_Mass', 'kp_Bonus', 'kp_Review', 'kp_Results'];
const INSTALLED_SHEETS = ['考评参数', '考评细则', '党员名册', '党员自评', '党员互评', '群众参评', '加分项', '支部审定', '考评结果'];

type Scores = Record<string, number>;
export interface Call {
  name: keyof KaopingCommands;
  args: unknown[];
}

export class FakeCommands implements KaopingCommands {
  installed = false;
  year: number | null = null;
  branch = '';
  sheets: string[] = ['Sheet1'];
  roster: RosterEntry[] = [];
  /** round → evaluator → member id → scores (tenths per dimension) */
  entries: Record<Round, Map<string, Map<string, Scores>>> = { self: new Map(), peer: new Map(), mass: new Map() };
  /** Source sheets for roster import: sheet name → rows of cells. */
  sources: Record<string, string[][]> = {};
  settings: { key: string; label: string; value: string | number | boolean | null }[] = [];
  extraProblems: Problem[] = [];
  rubric: Rubric = { categories: [{ category: '机关党员', dimensions: DIMENSIONS.map((d) => ({ ...d })) }] };
  computedAt: string | null = null;
  changedSinceCompute = false;
  lastEvaluation: MemberResult[] | null = null;
  selected: { sheet: string; cell: string } | null = null;
  /** 个人年度工作计划 by member 编号 (kp_Plans). */
  plans: Record<string, { plan: string; attachment: string }> = {};
  calls: Call[] = [];
  /** 加分项 and 支部审定 per member (member id → items / review). */
  bonus = new Map<string, MemberReviewInput['bonus']>();
  review = new Map<string, MemberReviewInput['review']>();
  bonusCap: number | null = 3;
  allowDeductions = false;
  /** The branch name getStatus's workbook title would suggest. */
  titleBranch = '';
  /** When set, the next call to this command rejects with this error (then the flag clears). */
  failNext: { name: keyof KaopingCommands; error: unknown } | null = null;

  private record(name: keyof KaopingCommands, args: unknown[]): void {
    this.calls.push({ name, args });
    if (this.failNext && this.failNext.name === name) {
      const { error } = this.failNext;
      this.failNext = null;
      throw error;
    }
  }

  callsOf(name: keyof KaopingCommands): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  async getStatus(): Promise<WorkbookStatus> {
    this.record('getStatus', []);
    const forms = Object.fromEntries(
      ROUNDS.map((r) => [r, [...this.entries[r].values()].reduce((n, m) => n + m.size, 0)]),
    ) as Record<Round, number>;
    return {
      installed: this.installed,
      missingTables: this.installed ? [] : [...TABLE_NAMES],
      year: this.year,
      branch: this.branch,
      members: this.roster.length,
      forms,
      resultsStale: this.computedAt !== null && this.changedSinceCompute,
      computedAt: this.computedAt,
      language: 'zh-CN',
      sheets: [...this.sheets],
      roster: this.roster.map((m) => ({ ...m })),
    };
  }

  async install(options?: { year?: number; branch?: string }): Promise<InstallReport> {
    this.record('install', [options]);
    if (this.installed) return { createdSheets: [], createdTables: [], repaired: [], messages: ['考评表完整。'] };
    this.installed = true;
    this.year = options?.year ?? 2026;
    this.branch = options?.branch ?? '';
    this.sheets.push(...INSTALLED_SHEETS);
    this.settings = [
      { key: 'year', label: '年度', value: this.year },
      { key: 'branch', label: '党支部名称', value: this.branch },
      { key: 'eligibleThreshold', label: '评先树优分数线', value: 90 },
      { key: 'admonishThreshold', label: '诫勉谈话分数线', value: 60 },
      { key: 'phone', label: '监督电话', value: '' },
    ];
    return { createdSheets: [...INSTALLED_SHEETS], createdTables: [...TABLE_NAMES], repaired: [], messages: [`已新建 ${INSTALLED_SHEETS.length} 张工作表。`] };
  }

  private requireInstalled(): void {
    if (!this.installed) throw new Error('考评表尚未安装，请先在“开始”中安装。');
  }

  async previewRosterImport(sheet: string): Promise<RosterImportPreview> {
    this.record('previewRosterImport', [sheet]);
    const rows = this.sources[sheet];
    if (!rows) throw new Error(`找不到工作表“${sheet}”。`);
    const headerIndex = rows.findIndex((r) => r.some((c) => c.replace(/\s/g, '') === '姓名'));
    if (headerIndex < 0) throw new Error(`工作表“${sheet}”没有含“姓名”的表头行。`);
    const header = rows[headerIndex].map((c) => c.replace(/\s/g, ''));
    const targets = ['编号', '姓名', '党小组', '类别', '免评', '备注'];
    const mapping = header.flatMap((h) => (targets.includes(h) ? [{ source: h, target: h }] : []));
    const col = (name: string) => header.indexOf(name);
    const members: RosterImportPreview['members'] = [];
    const skipped: RosterImportPreview['skipped'] = [];
    rows.slice(headerIndex + 1).forEach((r, i) => {
      const row = headerIndex + 2 + i;
      const name = (r[col('姓名')] ?? '').replace(/[\s\u3000]/g, '');
      if (r.every((c) => c.trim() === '')) return skipped.push({ row, reason: '空行' });
      if (!name) return skipped.push({ row, reason: '没有姓名' });
      if (members.some((m) => m.name === name)) return skipped.push({ row, reason: `重名：${name}` });
      const id = col('编号') >= 0 && r[col('编号')].trim() ? r[col('编号')].trim().padStart(3, '0') : String(members.length + 1).padStart(3, '0');
      members.push({ id, name, group: (r[col('党小组')] ?? '').trim(), category: (r[col('类别')] ?? '').trim() || '机关党员', sourceRow: row, note: '' });
    });
    return { sheet, headerRow: headerIndex + 1, mapping, members, skipped, problems: [] };
  }

  async importRoster(sheet: string): Promise<RosterImportReport> {
    this.requireInstalled();
    const preview = await this.previewRosterImport(sheet);
    this.record('importRoster', [sheet]);
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const m of preview.members) {
      const existing = this.roster.find((r) => r.id === m.id);
      const entry: RosterEntry = { id: m.id, name: m.name, group: m.group, category: m.category, exempt: false };
      if (!existing) {
        this.roster.push(entry);
        added++;
      } else if (JSON.stringify(existing) !== JSON.stringify(entry)) {
        Object.assign(existing, entry);
        updated++;
      } else unchanged++;
    }
    this.changedSinceCompute = true;
    return { ...preview, added, updated, unchanged };
  }

  /** Who an evaluator scores: self → themself; peer member → their group but themself; otherwise everyone. */
  private targets(round: Round, evaluator: string, group?: string): RosterEntry[] {
    const scored = this.roster.filter((m) => !m.exempt);
    const me = this.roster.find((m) => m.id === evaluator);
    if (round === 'self') {
      if (!me) throw new Error(`党员自评的评价人必须是名册中的编号，“${evaluator}”不在名册中。`);
      return me.exempt ? [] : [me];
    }
    if (round === 'peer' && me) return scored.filter((m) => m.group === me.group && m.id !== me.id);
    return group ? scored.filter((m) => m.group === group) : scored;
  }

  /** The member's category's dimensions (the default category's when the category is unknown). */
  private dimsOf(m: RosterEntry): { name: string; points: number }[] {
    const cat = this.rubric.categories.find((c) => c.category === m.category) ?? this.rubric.categories[0];
    return cat.dimensions.map((d) => ({ name: d.name, points: d.points }));
  }

  async getEntryForm(round: Round, evaluator: string, group?: string): Promise<EntryForm> {
    this.record('getEntryForm', [round, evaluator, group]);
    this.requireInstalled();
    const mine = this.entries[round].get(evaluator);
    const columns = [...new Set(this.rubric.categories.flatMap((c) => c.dimensions.map((d) => d.name)))];
    return {
      round,
      evaluator,
      mode: 'dimensions',
      columns,
      members: this.targets(round, evaluator, group).map((m) => {
        const scores = mine?.get(m.id);
        const dimensions = this.dimsOf(m);
        return {
          id: m.id,
          name: m.name,
          group: m.group,
          category: m.category,
          dimensions,
          existing: Object.fromEntries(dimensions.map((d) => [d.name, scores ? scores[d.name] / 10 : null])),
        };
      }),
    };
  }

  async saveForm(round: Round, evaluator: string, rows: FormRowInput[]): Promise<SaveFormReport> {
    this.record('saveForm', [round, evaluator, rows]);
    this.requireInstalled();
    const allowed = new Set(this.targets(round, evaluator).map((m) => m.id));
    let added = 0;
    let updated = 0;
    const problems: Problem[] = [];
    const mine = this.entries[round].get(evaluator) ?? new Map<string, Scores>();
    for (const row of rows) {
      if (!allowed.has(row.memberId)) throw new Error(`评价人“${evaluator}”不应给 ${row.memberId} 评分。`);
      const scores: Scores = {};
      const member = this.roster.find((m) => m.id === row.memberId)!;
      for (const d of this.dimsOf(member)) {
        const v = row.scores[d.name];
        const n = typeof v === 'string' ? Number(v) : v;
        if (n === null || n === undefined || Number.isNaN(n)) throw new Error(`缺少 ${d.name} 的分数。`);
        const tenths = Math.round(n * 10);
        if (Math.abs(tenths - n * 10) > 1e-9 || tenths < 0 || tenths > d.points * 10) throw new Error(`${d.name} 的分数 ${n} 不合规。`);
        scores[d.name] = tenths;
      }
      if (mine.has(row.memberId)) updated++;
      else added++;
      mine.set(row.memberId, scores);
    }
    this.entries[round].set(evaluator, mine);
    this.changedSinceCompute = true;
    return { written: rows.length, added, updated, problems };
  }

  async getProgress(round: Round): Promise<ProgressReport> {
    this.record('getProgress', [round]);
    const evaluators = [...this.entries[round].entries()].map(([evaluator, scored]) => {
      const targets = this.installed ? this.targetsSafe(round, evaluator) : [];
      return {
        evaluator,
        name: this.roster.find((m) => m.id === evaluator)?.name ?? '',
        scored: [...scored.keys()],
        missing: targets.filter((m) => !scored.has(m.id)).map((m) => m.id),
      };
    });
    const withForms = new Set(evaluators.flatMap((e) => e.scored));
    let n = 1;
    while (this.entries.mass.has(`Q${String(n).padStart(2, '0')}`)) n++;
    return {
      round,
      evaluators,
      membersWithoutForms: this.roster.filter((m) => !m.exempt && !withForms.has(m.id)).map((m) => m.id),
      nextBallotCode: `Q${String(n).padStart(2, '0')}`,
    };
  }

  private targetsSafe(round: Round, evaluator: string): RosterEntry[] {
    try {
      return this.targets(round, evaluator);
    } catch {
      return [];
    }
  }

  async printBallot(round: Round, evaluator: string, group?: string): Promise<string> {
    this.record('printBallot', [round, evaluator, group]);
    this.requireInstalled();
    const sheet = `测评表-${evaluator}`;
    if (!this.sheets.includes(sheet)) this.sheets.push(sheet);
    return sheet;
  }

  async check(): Promise<CheckReport> {
    this.record('check', []);
    this.requireInstalled();
    const problems = [...this.extraProblems];
    return {
      problems,
      counts: { error: problems.filter((p) => p.severity === 'error').length, warning: problems.filter((p) => p.severity === 'warning').length },
    };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.record('selectCell', [sheet, cell]);
    this.selected = { sheet, cell };
  }

  /** Mean of form totals in tenths, as a number of points (exact enough for tests: at most 2 decimals shown). */
  private roundScore(round: Round, memberId: string): { value: number | null; forms: number } {
    const totals: number[] = [];
    for (const [evaluator, scored] of this.entries[round]) {
      if (round === 'peer' && evaluator === memberId) continue;
      const s = scored.get(memberId);
      if (s) totals.push(Object.values(s).reduce((a, b) => a + b, 0));
    }
    if (totals.length === 0) return { value: null, forms: 0 };
    return { value: totals.reduce((a, b) => a + b, 0) / totals.length / 10, forms: totals.length };
  }

  async compute(): Promise<ComputeReport> {
    this.record('compute', []);
    this.requireInstalled();
    const members: MemberResult[] = this.roster.map((m) => {
      const rounds = Object.fromEntries(ROUNDS.map((r) => [r, this.roundScore(r, m.id)])) as Record<Round, { value: number | null; forms: number }>;
      const missing = ROUNDS.filter((r) => rounds[r].value === null);
      const average = missing.length === 0 ? Math.round(((rounds.self.value! + rounds.peer.value! + rounds.mass.value!) / 3) * 100) / 100 : null;
      const final = m.exempt ? null : average;
      return {
        id: m.id,
        name: m.name,
        group: m.group,
        category: m.category,
        status: m.exempt ? 'exempt' : missing.length > 0 ? 'incomplete' : 'ok',
        self: rounds.self.value,
        peer: rounds.peer.value,
        mass: rounds.mass.value,
        average,
        bonus: 0,
        final,
        rank: null,
        eligible: final === null ? null : final >= 90,
        admonish: final === null ? null : final < 60,
        veto: false,
        result: final === null ? '' : final >= 90 ? '可评先树优' : final < 60 ? '诫勉谈话' : '不可评先树优',
        notes: missing.length > 0 ? `缺少：${missing.join('、')}` : '',
        forms: { self: rounds.self.forms, peer: rounds.peer.forms, mass: rounds.mass.forms },
        missing,
      };
    });
    const ranked = members.filter((m) => m.final !== null).sort((a, b) => b.final! - a.final!);
    ranked.forEach((m) => (m.rank = 1 + ranked.filter((o) => o.final! > m.final!).length));
    const buckets = [
      { label: '90–100', test: (f: number) => f >= 90 },
      { label: '80–89.99', test: (f: number) => f >= 80 && f < 90 },
      { label: '70–79.99', test: (f: number) => f >= 70 && f < 80 },
      { label: '60–69.99', test: (f: number) => f >= 60 && f < 70 },
      { label: '< 60', test: (f: number) => f < 60 },
    ];
    const count = (s: MemberResult['status']) => members.filter((m) => m.status === s).length;
    const blocked = members.filter((m) => m.status === 'incomplete' || m.status === 'invalid').map((m) => `${m.name}（${m.id}）：${m.notes}`);
    this.computedAt = '2026-12-20 10:00';
    this.changedSinceCompute = false;
    this.lastEvaluation = members;
    return {
      evaluation: { year: this.year ?? 0, branch: this.branch, members, problems: [], formsUsed: 0 },
      summary: {
        members: members.length,
        eligible: members.filter((m) => m.eligible).length,
        belowEligible: members.filter((m) => m.final !== null && m.final < 90).length,
        belowAdmonish: members.filter((m) => m.admonish).length,
        vetoed: 0,
        incomplete: count('incomplete'),
        invalid: count('invalid'),
        exempt: count('exempt'),
      },
      distribution: buckets.map((b) => ({ label: b.label, count: members.filter((m) => m.final !== null && b.test(m.final)).length })),
      postingAllowed: blocked.length === 0,
      postingBlockedReasons: blocked,
      computedAt: this.computedAt,
      fingerprint: 'fake',
    };
  }

  async makePostingSheet(options: PostingOptions): Promise<PostingReport> {
    this.record('makePostingSheet', [options]);
    this.requireInstalled();
    const report = await this.compute();
    if (!report.postingAllowed) return { created: false, sheet: '', rows: 0, blockedReasons: report.postingBlockedReasons };
    const pack = ['考评结果公示', '考评细则公示', '工作计划公示'];
    for (const s of pack) if (!this.sheets.includes(s)) this.sheets.push(s);
    return { created: true, sheet: pack[0], sheets: pack, rows: report.evaluation.members.filter((m) => m.final !== null).length, blockedReasons: [] };
  }

  async getPlan(memberId: string): Promise<MemberPlanView | null> {
    this.record('getPlan', [memberId]);
    this.requireInstalled();
    const index = this.roster.findIndex((m) => m.id === memberId);
    if (index < 0) return null;
    const p = this.plans[memberId] ?? { plan: '', attachment: '' };
    return { id: memberId, ...p, sheet: '年度工作计划', cell: `C${index + 2}` };
  }

  async makeScoreSheets(request: ScoreSheetRequest): Promise<ScoreSheetResult> {
    this.record('makeScoreSheets', [request]);
    this.requireInstalled();
    const ids = request.members ?? this.roster.map((m) => m.id);
    const unknown = ids.filter((id) => !this.roster.some((m) => m.id === id));
    if (unknown.length > 0) return { created: false, sheet: '', members: [], unknown, lastYearSheet: null };
    if (!this.sheets.includes('个人考评明细')) this.sheets.push('个人考评明细');
    const members = ids.map((id) => this.roster.find((m) => m.id === id)!).map((m) => ({ id: m.id, name: m.name }));
    return { created: true, sheet: '个人考评明细', members, unknown: [], lastYearSheet: null };
  }

  async newYear(year: number): Promise<NewYearReport> {
    this.record('newYear', [year]);
    this.requireInstalled();
    const archivedSheet = this.lastEvaluation ? `考评结果${this.year}` : null;
    if (archivedSheet) this.sheets.push(archivedSheet);
    const yearArchive = `${this.year}年考评存档`;
    // Like the workbook's archive: everything of the old year, kept for undo.
    this.archive = {
      year: this.year,
      sheet: yearArchive,
      entries: Object.fromEntries(ROUNDS.map((r) => [r, new Map(this.entries[r])])) as FakeCommands['entries'],
      bonus: new Map(this.bonus),
      review: new Map(this.review),
      computedAt: this.computedAt,
      lastEvaluation: this.lastEvaluation,
    };
    for (const r of ROUNDS) this.entries[r] = new Map();
    this.bonus.clear();
    this.review.clear();
    this.year = year;
    this.computedAt = null;
    this.lastEvaluation = null;
    return { archivedSheet, yearArchive, clearedTables: ['党员自评', '党员互评', '群众参评', '加分项', '支部审定'], year, messages: [] };
  }

  archive: {
    year: FakeCommands['year'];
    sheet: string;
    entries: FakeCommands['entries'];
    bonus: FakeCommands['bonus'];
    review: FakeCommands['review'];
    computedAt: string | null;
    lastEvaluation: MemberResult[] | null;
  } | null = null;

  async undoNewYear(): Promise<NewYearUndoReport> {
    this.record('undoNewYear', []);
    const a = this.archive;
    if (!a) return { restored: false, year: null, archive: null, messages: ['工作簿中没有可撤销的新年度（没有“××××年考评存档”工作表）。'] };
    const entered = ROUNDS.some((r) => this.entries[r].size > 0) || this.bonus.size > 0 || this.review.size > 0;
    if (entered) return { restored: false, year: null, archive: a.sheet, messages: ['新年度已有录入：工作表“党员自评”中已有数据。撤销新年度会丢失这些内容，因此没有撤销任何内容。'] };
    this.entries = a.entries;
    this.bonus = a.bonus;
    this.review = a.review;
    this.year = a.year;
    this.computedAt = a.computedAt;
    this.lastEvaluation = a.lastEvaluation;
    this.archive = null;
    return { restored: true, year: a.year, archive: a.sheet, messages: [`已撤销新年度：工作簿回到 ${a.year} 年度。`] };
  }

  async newYearPlan(): Promise<NewYearPlan> {
    this.record('newYearPlan', []);
    const forms = (r: Round) => [...this.entries[r].values()].reduce((n, m) => n + m.size, 0);
    return {
      installed: this.installed,
      year: this.year,
      branch: this.branch,
      members: this.roster.length,
      clears: [
        { sheet: '党员自评', kind: 'forms', rows: forms('self') },
        { sheet: '党员互评', kind: 'forms', rows: forms('peer') },
        { sheet: '群众参评', kind: 'forms', rows: forms('mass') },
        { sheet: '加分项', kind: 'bonus', rows: [...this.bonus.values()].reduce((n, b) => n + b.length, 0) },
        { sheet: '支部审定', kind: 'review', rows: this.review.size },
        { sheet: '考评结果', kind: 'results', rows: this.lastEvaluation?.length ?? 0 },
      ],
      archiveSheet: this.lastEvaluation ? `${this.year}年考评结果` : null,
      computedAt: this.computedAt,
      computed: this.computedAt !== null,
      stale: this.computedAt !== null && this.changedSinceCompute,
      undoArchive: this.archive?.sheet ?? null,
      yearArchive: this.installed ? `${this.year}年考评存档` : null,
    };
  }

  async suggestBranch(): Promise<string> {
    this.record('suggestBranch', []);
    return this.titleBranch;
  }

  async getReview(): Promise<ReviewData> {
    this.record('getReview', []);
    this.requireInstalled();
    let row = 2;
    return {
      bonusCap: this.bonusCap,
      allowDeductions: this.allowDeductions,
      sheets: { bonus: '加分项', review: '支部审定' },
      bonus: [...this.bonus.entries()].flatMap(([memberId, items]) => items.map((i) => ({ memberId, ...i, row: row++ }))),
      review: [...this.review.entries()].map(([memberId, r], i) => ({ memberId, veto: r.veto ? '是' : '否', reason: r.reason, opinion: r.opinion, row: i + 2 })),
    };
  }

  /** Validates like the workbook command (a number, > 0 unless deductions are allowed, a veto needs 事由). */
  async saveMemberReview(memberId: string, input: MemberReviewInput): Promise<SaveReviewReport> {
    this.record('saveMemberReview', [memberId, input]);
    this.requireInstalled();
    const problems: Problem[] = [];
    if (!this.roster.some((m) => m.id === memberId)) throw new Error(`没有编号为 ${memberId} 的党员。`);
    input.bonus.forEach((b, i) => {
      const n = Number(b.points);
      if (!b.item.trim() || !Number.isFinite(n) || (!this.allowDeductions && n <= 0))
        problems.push({ severity: 'error', sheet: '加分项', cell: '', code: 'bonus_not_a_number', message: `加分项：第 ${i + 1} 项有误。` });
    });
    if (input.review.veto && !input.review.reason.trim())
      problems.push({ severity: 'error', sheet: '支部审定', cell: '', code: 'veto_unrecognised', message: '支部审定：一票否决须填写事由。' });
    if (problems.length > 0) return { bonusRows: 0, reviewWritten: false, problems };
    this.bonus.set(memberId, input.bonus.map((b) => ({ ...b, points: Number(b.points) })));
    this.review.set(memberId, { ...input.review });
    this.changedSinceCompute = true;
    return { bonusRows: input.bonus.length, reviewWritten: true, problems: [] };
  }

  async getSettings(): Promise<SettingsView> {
    this.record('getSettings', []);
    this.requireInstalled();
    return {
      items: this.settings.map((i) => ({ ...i })),
      rubric: this.rubric.categories.map((c) => ({ category: c.category, dimensions: c.dimensions.map((d) => ({ name: d.name, points: d.points, text: d.text })) })),
    };
  }

  /** Checks each category sums to 100 (in tenths) with unique names; stores the rubric only when it does. */
  async saveRubric(rubric: Rubric): Promise<{ problems: Problem[]; written: boolean }> {
    this.record('saveRubric', [rubric]);
    this.requireInstalled();
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const c of rubric.categories) {
      const tenths = c.dimensions.reduce((a, d) => a + Math.round(d.points * 10), 0);
      if (tenths !== 1000 || seen.has(c.category) || c.dimensions.length === 0)
        problems.push({ severity: 'error', sheet: '考评细则', cell: '', code: 'rubric_invalid', message: `考评细则：类别“${c.category}”各维度分值合计为 ${tenths / 10}，应为 100。` });
      seen.add(c.category);
    }
    if (problems.length > 0) return { problems, written: false };
    this.rubric = { categories: rubric.categories.map((c) => ({ category: c.category, dimensions: c.dimensions.map((d) => ({ ...d })) })) };
    return { problems, written: true };
  }

  async saveSettings(values: Record<string, string | number | boolean | null>): Promise<Problem[]> {
    this.record('saveSettings', [values]);
    this.requireInstalled();
    const problems: Problem[] = [];
    for (const [key, value] of Object.entries(values)) {
      const item = this.settings.find((i) => i.key === key);
      if (!item) throw new Error(`没有参数“${key}”。`);
      if (typeof item.value === 'number' && typeof value !== 'number') {
        problems.push({ severity: 'error', sheet: '考评参数', cell: `B${this.settings.indexOf(item) + 2}`, code: 'setting_invalid', message: `考评参数 B${this.settings.indexOf(item) + 2}：“${item.label}”应为数字。` });
        continue;
      }
      item.value = value;
      if (key === 'year' && typeof value === 'number') this.year = value;
      if (key === 'branch') this.branch = String(value ?? '');
    }
    return problems;
  }
}

/** A fake with the sheets installed and a roster of two groups. */
export function installedFake(): FakeCommands {
  const fake = new FakeCommands();
  fake.installed = true;
  fake.year = 2026;
  fake.branch = '机关党支部';
  fake.sheets.push(...INSTALLED_SHEETS);
  fake.settings = [
    { key: 'year', label: '年度', value: 2026 },
    { key: 'branch', label: '党支部名称', value: '机关党支部' },
    { key: 'eligibleThreshold', label: '评先树优分数线', value: 90 },
    { key: 'phone', label: '监督电话', value: '0535-1234567' },
    { key: 'language', label: '界面语言', value: 'zh-CN' },
  ];
  fake.roster = [
    { id: '001', name: '张三', group: '第一党小组', category: '机关党员', exempt: false },
    { id: '002', name: '李四', group: '第一党小组', category: '机关党员', exempt: false },
    { id: '003', name: '王五', group: '第一党小组', category: '机关党员', exempt: false },
    { id: '004', name: '赵六', group: '第二党小组', category: '机关党员', exempt: false },
  ];
  return fake;
}
