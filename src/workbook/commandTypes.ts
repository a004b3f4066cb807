/**
 * What the task pane can ask of the workbook. The task pane receives an object of this shape as props;
 * `createCommands(runner)` in commands.ts builds it over either `Excel.run` (in Excel) or the headless
 * host's `run` (tests, command line, browser preview). No component ever calls Excel directly.
 */
import type { DerivedKind } from '../domain/derivedSheets';
import type { Rubric } from '../domain/rubric';
import type { Evaluation, Language, Problem, Round, Severity } from '../domain/types';
import type { IssuedBallot } from '../domain/ballotIssue';
import type { BallotProblem, BallotVerdict } from '../domain/ballotIdentity';
import type { GridSource } from '../domain/rosterGrid';

export type { IssuedBallot };

/** Runs one batch against a workbook: `Excel.run` in Excel, `host.run(workbook, …)` headless. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface WorkbookStatus {
  installed: boolean;
  /** Tables of SPEC §4 that are missing (empty when fully installed). */
  missingTables: string[];
  year: number | null;
  branch: string;
  members: number;
  forms: Record<Round, number>;
  /** Results were computed and entries changed afterwards. */
  resultsStale: boolean;
  computedAt: string | null;
  language: Language;
  /** Names of all worksheets, in tab order (for the roster import picker). */
  sheets: string[];
  /**
   * Roster members in table order (for the entry form's evaluator picker). Optional: when absent the
   * task pane lists members from a mass-round entry form instead.
   */
  roster?: RosterEntry[];
  /** Derived sheets (公示, 个人考评明细) out of date, with why (optional: older fakes omit it). */
  staleSheets?: { sheet: string; kind: DerivedKind; why: string }[];
  /** The committee's scheme the workbook remembers (installed or applied from it) and what differs since; absent when none. */
  scheme?: { fingerprint: string; differs: string[] };
  /** The workbook is a committee's roll-up (汇总表 of kaoping rollup): nothing to install; absent otherwise. */
  rollup?: boolean;
}

export interface RosterEntry {
  id: string;
  name: string;
  group: string;
  category: string;
  exempt: boolean;
}

export interface InstallReport {
  createdSheets: string[];
  createdTables: string[];
  repaired: string[];
  /** Human-readable summary lines in the workbook's language. */
  messages: string[];
}

export interface RosterImportPreview {
  sheet: string;
  /** 1-based row number of the header row found. */
  headerRow: number;
  /** Source header → roster column (编号, 姓名, 党小组, 类别, 免评, 备注). */
  mapping: { source: string; target: string }[];
  members: { id: string; name: string; group: string; category: string; sourceRow: number; note: string }[];
  skipped: { row: number; reason: string }[];
  problems: Problem[];
}

export interface RosterImportReport extends RosterImportPreview {
  added: number;
  updated: number;
  unchanged: number;
  /** Rows added to kp_Plans (年度工作计划) for members who had none (optional: older fakes omit it). */
  planRows?: number;
}

export interface FormMember {
  id: string;
  name: string;
  group: string;
  category: string;
  /** Dimensions of this member's category with their points; in total mode a single 合计 with 100. */
  dimensions: { name: string; points: number }[];
  /** Values already entered by this evaluator for this member, by dimension name (raw cells). */
  existing: Record<string, string | number | null>;
}

export interface EntryForm {
  round: Round;
  evaluator: string;
  mode: 'dimensions' | 'total';
  /** All dimension columns of the entry table (union over categories), in order. */
  columns: string[];
  members: FormMember[];
}

export interface FormRowInput {
  memberId: string;
  /** Score per dimension name (or { 合计: n } in total mode). Blank = null. */
  scores: Record<string, string | number | null>;
}

export interface SaveFormReport {
  written: number;
  updated: number;
  added: number;
  problems: Problem[];
  /** Sentences about what else was done, e.g. a filter cleared so that new rows could be added. */
  notes?: string[];
}

export interface ProgressReport {
  round: Round;
  /** evaluator → member ids they scored (valid or not) */
  evaluators: { evaluator: string; name: string; scored: string[]; missing: string[] }[];
  /** members with no form at all in this round */
  membersWithoutForms: string[];
  /** Suggested next anonymous ballot code for the mass round (Q01, Q02, …). */
  nextBallotCode: string;
}

export interface CheckReport {
  problems: Problem[];
  counts: Record<Severity, number>;
  /** Sentences about what was not done, e.g. a protected sheet whose problem cells were not highlighted. */
  notes?: string[];
}

export interface ComputeReport {
  evaluation: Evaluation;
  /** Sentences about what was not done, e.g. a protected sheet whose problem cells were not highlighted. */
  notes?: string[];
  summary: {
    members: number;
    eligible: number;
    belowEligible: number;
    belowAdmonish: number;
    vetoed: number;
    incomplete: number;
    invalid: number;
    exempt: number;
  };
  /** Score distribution buckets for the chart: label → count. */
  distribution: { label: string; count: number }[];
  postingAllowed: boolean;
  /** Why the posting sheet cannot be made yet (who and why), in the workbook's language. */
  postingBlockedReasons: string[];
  computedAt: string;
  fingerprint: string;
}

export interface PostingOptions {
  order: 'rank' | 'roster';
  periodStart?: string;
  periodEnd?: string;
  phone?: string;
}

export interface PostingReport {
  created: boolean;
  /** The results posting sheet (考评结果公示). */
  sheet: string;
  /** All sheets of the posting pack: results, rubric (考评细则公示), work plans (工作计划公示). */
  sheets?: string[];
  rows: number;
  blockedReasons: string[];
  /** Refused because the results are not current (compute first: the pane offers 重新计算并生成公示表). */
  resultsStale?: boolean;
}

export interface NewYearReport {
  archivedSheet: string | null;
  /** The hidden sheet holding every table of the old year as it was ("2025年考评存档"; '' when none was made). */
  yearArchive: string;
  /** Sheets whose entries were cleared, by the names the user sees (党员自评 …). */
  clearedTables: string[];
  year: number;
  messages: string[];
}

/** What undoing a new year did (restored: true) or why it cannot (reason, naming the sheet). */
export interface NewYearUndoReport {
  restored: boolean;
  /** The year the workbook is back in (null when nothing was undone). */
  year: number | null;
  /** The archive it came from ("2025年考评存档"), or null. */
  archive: string | null;
  messages: string[];
}

export interface SettingsView {
  /** kp_Settings rows as key/label/value, in table order. */
  items: { key: string; label: string; value: string | number | boolean | null }[];
  /** Rubric rows per category. */
  rubric: { category: string; dimensions: { name: string; points: number; text: string }[] }[];
  /** The committee's scheme the workbook was installed from (init --template), and what the branch changed since. */
  scheme?: { fingerprint: string; differs: string[] } | null;
}

/** 支部审定 in the pane: every member's bonus items and review row, and the bonus rules. */
export interface ReviewData {
  bonusCap: number | null;
  allowDeductions: boolean;
  sheets: { bonus: string; review: string };
  /** Rows of kp_Bonus with a 党员编号 (row = 1-based sheet row). */
  bonus: { memberId: string; item: string; points: string | number; basis: string; row: number }[];
  /** Rows of kp_Review with a 党员编号. */
  review: { memberId: string; veto: string; reason: string; opinion: string; row: number }[];
}

/** One member's fourth step as the pane edits it: their bonus items (all of them) and their review. */
export interface MemberReviewInput {
  bonus: { item: string; points: string | number; basis: string }[];
  review: { veto: boolean; reason: string; opinion: string };
}

export interface SaveReviewReport {
  /** Bonus items written for the member (0 when refused). */
  bonusRows: number;
  reviewWritten: boolean;
  /** Why nothing was written (each names its sheet); empty when saved. */
  problems: Problem[];
}

/** What a new year would clear, counted, and whether this year's results are current. */
export interface NewYearPlan {
  installed: boolean;
  year: number | null;
  branch: string;
  members: number;
  /**
   * Per cleared table: its sheet name as the user sees it and the rows with data (评分 for a round, one per member
   * scored by one evaluator); for a round also its 测评表, the evaluators who handed one in (docs/RULES.md); for
   * 年度工作计划 the members with a plan or an attachment (the rows stay, the plans are cleared).
   */
  clears: { sheet: string; kind: 'forms' | 'bonus' | 'review' | 'results' | 'plans'; rows: number; ballots?: number }[];
  /** The values-only sheet the results will be archived as (null when there are no results). */
  archiveSheet: string | null;
  computedAt: string | null;
  /** Results were computed and kp_Results has rows. */
  computed: boolean;
  /** Entries changed after the last compute. */
  stale: boolean;
  /** The archive of the year before this one ("2025年考评存档"), when a new year made it: it can be undone. */
  undoArchive: string | null;
  /** The hidden sheet new year would archive this year's tables in ("2026年考评存档"; null before install). */
  yearArchive: string | null;
}

/** A member's own 个人年度工作计划 (kp_Plans), for the self-evaluation form. */
export interface MemberPlanView {
  id: string;
  plan: string;
  attachment: string;
  /** Where the plan is typed: sheet and cell. */
  sheet: string;
  cell: string;
}

export interface ScoreSheetRequest {
  /** 编号 of the members; all when absent. */
  members?: string[];
  /** Show the sheet when made. */
  activate?: boolean;
}

export interface ScoreSheetResult {
  created: boolean;
  sheet: string;
  members: { id: string; name: string }[];
  /** 编号 asked for that are not in the roster (nothing made then). */
  unknown: string[];
  lastYearSheet: string | null;
}

/** A score sheet as a file of its own (only the score sheet: no entries, no evaluator). */
export interface ScoreSheetFile {
  /** "2026年个人考评明细-周燕玉（002）.xlsx"; '' when nothing was made. */
  name: string;
  /** The .xlsx bytes; null when nothing was made (unknown 编号). */
  bytes: Uint8Array | null;
  members: { id: string; name: string }[];
  unknown: string[];
}

/** A round's ballot files in one .zip (测评表分发). */
export interface BallotZip {
  /** Why nothing was made (no codes for the mass round, an unknown 党小组…); empty when made. */
  problems: string[];
  /** The .zip's name (2026-互评-测评表.zip) and bytes; null when nothing was made. */
  zipName: string | null;
  zip: Uint8Array | null;
  /** The ballot files inside, in order. */
  files: string[];
  /** The same files one by one (where the pane cannot download a .zip, each opens as a new Excel window). */
  ballots: { name: string; bytes: Uint8Array }[];
  /**
   * The ballots as kp_State records them handed out. Not recorded yet: the pane records them
   * (recordBallotsOut) once the secretary confirms the files reached them.
   */
  issued: IssuedBallot[];
}

/** A returned file as the pane picked it. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface KaopingCommands {
  getStatus(): Promise<WorkbookStatus>;
  install(options?: { year?: number; branch?: string }): Promise<InstallReport>;
  previewRosterImport(sheet: string): Promise<RosterImportPreview>;
  importRoster(sheet: string): Promise<RosterImportReport>;
  /** The same preview and import for a grid read from another file (the pane's 从文件导入名册; see rosterFile.ts). */
  previewRosterImportGrid?(grid: GridSource): Promise<RosterImportPreview>;
  importRosterGrid?(grid: GridSource): Promise<RosterImportReport>;
  /** `group` narrows an anonymous (ballot-code) peer or mass form to one 党小组; ignored for a roster evaluator. */
  getEntryForm(round: Round, evaluator: string, group?: string): Promise<EntryForm>;
  saveForm(round: Round, evaluator: string, rows: FormRowInput[]): Promise<SaveFormReport>;
  getProgress(round: Round): Promise<ProgressReport>;
  /** Creates or refreshes a print-ready blank ballot sheet for one evaluator. Returns the sheet name. */
  printBallot(round: Round, evaluator: string, group?: string): Promise<string>;
  check(): Promise<CheckReport>;
  selectCell(sheet: string, cell: string): Promise<void>;
  compute(): Promise<ComputeReport>;
  /** The posting pack: results, rubric per category in use and work plans, three print-ready sheets. */
  makePostingSheet(options: PostingOptions): Promise<PostingReport>;
  /** A member's own work plan (null when kp_Plans has no row for them). */
  getPlan(memberId: string): Promise<MemberPlanView | null>;
  /** Score sheets (个人考评明细), one A4 page per member. */
  makeScoreSheets(request: ScoreSheetRequest): Promise<ScoreSheetResult>;
  /**
   * Score sheets as a new workbook of their own (for one member only their page), to download or open; the
   * secretary's workbook is only read (optional: older fakes omit it).
   */
  scoreSheetFile?(request: ScoreSheetRequest): Promise<ScoreSheetFile>;
  newYear(year: number): Promise<NewYearReport>;
  /** Puts the archived year back while nothing of the new year was entered; else says why not (nothing written). */
  undoNewYear(): Promise<NewYearUndoReport>;
  getSettings(): Promise<SettingsView>;
  saveSettings(values: Record<string, string | number | boolean | null>): Promise<Problem[]>;
  /** Rewrites kp_Rubric when the rubric has no error (then repairs entry columns and validation); else writes nothing. */
  saveRubric(rubric: Rubric): Promise<{ problems: Problem[]; written: boolean }>;
  /** Bonus items and branch review of every member, with the bonus rules. */
  getReview(): Promise<ReviewData>;
  /** Replaces one member's bonus items and review row in one batch; writes nothing when the input has a problem. */
  saveMemberReview(memberId: string, input: MemberReviewInput): Promise<SaveReviewReport>;
  /** What newYear would clear, counted; nothing written. */
  newYearPlan(): Promise<NewYearPlan>;
  /** A branch name from the workbook's title rows ('' when none), to prefill the install form. */
  suggestBranch(): Promise<string>;
  /**
   * Ballot files of a round, one per evaluator, in one .zip; records them as handed out (optional: a host
   * without ballot files leaves the 分发/回收 section out).
   */
  makeBallotFiles?(round: Round, options: BallotOptions): Promise<BallotZip>;
  /** Reads returned ballot files (.xlsx or .zip) and merges the accepted ones (≤ 2 syncs). */
  collectBallotFiles?(files: PickedFile[], options?: { replace?: string[] }): Promise<CollectReport>;
  /** Ballots handed out this year and whether they are back. */
  getBallotsOut?(): Promise<BallotsOut[]>;
  /** Records ballots made by makeBallotFiles as handed out (after the secretary confirmed having the files). */
  recordBallotsOut?(issued: IssuedBallot[]): Promise<number>;
  /** 导出为统一方案: the open workbook's settings and rubric as the committee's scheme file. */
  exportScheme?(): Promise<{ bytes: Uint8Array; fileName: string; fingerprint: string }>;
  /** 按上级方案应用: what the scheme file would change (apply = false) or the changes made (apply = true). */
  applySchemeFile?(file: PickedFile, apply: boolean): Promise<{ changes: { item: string; from: string; to: string }[]; refused: string | null; fingerprint?: string }>;
  /**
   * 按上级方案安装 (before install): what the scheme file fixes and why it cannot be installed here (install =
   * false, nothing written), or the workbook installed from it with the branch's name (install = true).
   */
  installSchemeFile?(file: PickedFile, options: { branch: string; year?: number }, install: boolean): Promise<SchemeInstallResult>;
  /** 党委汇总: the roll-up of picked branch workbooks (.xlsx or .zip) as a new workbook file. */
  rollupFiles?(files: PickedFile[]): Promise<{ bytes: Uint8Array; fileName: string; summary: string; notOk: string[] }>;
}

/** What a committee's scheme fixes (shown before installing from it). */
export interface SchemeSummary {
  year: number;
  fingerprint: string;
  /** How many settings the scheme fixes. */
  fixed: number;
  /** The fixed settings whose value is not the default, as "互评权重 2". */
  changed: string[];
  /** The rubric: each category with its number of dimensions and total points. */
  categories: { category: string; dimensions: number; points: number }[];
}

export interface SchemeInstallResult {
  summary: SchemeSummary;
  /** Why it cannot be installed (another year typed, or the workbook installed already), or null. */
  refused: string | null;
  /** The install's report (install = true and not refused). */
  report: InstallReport | null;
}

export interface BallotOptions {
  /** Only this 党小组 (named peer ballots of its members; anonymous ballots covering it). */
  group?: string;
  /** Anonymous ballots: this many codes (mass: required; peer: per 党小组, or for `group`). */
  codes?: number;
  /**
   * Hand these ballots out again (a lost file): ballot codes or roster 编号 already handed out this year in the
   * round. Each gets a new secret; the lost file's stops counting once the new one is recorded.
   */
  reissue?: string[];
}

export interface BallotsOut {
  round: Round;
  evaluator: string;
  group: string;
  label: string;
  back: boolean;
  /** Times this ballot was handed out again (a lost file): only the last one counts. */
  reissued: number;
}

export interface BallotFileReport {
  file: string;
  verdict: BallotVerdict;
  round: Round | null;
  /** A roster 编号 or a ballot code; null when the file is not a ballot. */
  evaluator: string | null;
  /** Forms written into the workbook from this file. */
  forms: number;
  problems: BallotProblem[];
}

export interface CollectReport {
  files: BallotFileReport[];
  /** Forms written in all. */
  written: number;
  /** What else the merge did (a table filter cleared so new rows are seen), in the workbook's language. */
  notes?: string[];
}
