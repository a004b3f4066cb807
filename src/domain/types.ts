/**
 * Shared types of the domain core. Everything the workbook commands hand to the domain, and everything
 * the domain hands back, is described here. Pure data: no Office, no DOM.
 */

export type Language = 'zh-CN' | 'en-US';

/** The three scored steps (四个步骤 minus 支部审定, which is kp_Review). */
export type Round = 'self' | 'peer' | 'mass';
export const ROUNDS: readonly Round[] = ['self', 'peer', 'mass'];

/**
 * A raw cell value exactly as Excel's `range.values` returns it: `''` for a blank cell, numbers,
 * booleans, strings; error values come back as strings such as `'#N/A'`. `null` is accepted as blank too.
 */
export type RawCell = string | number | boolean | null;

/** A table's rows as read from the workbook, with where they sit so that problems can name cells. */
export interface TableBlock {
  /** Worksheet name as the user sees it (the sheet may have been renamed). */
  sheet: string;
  /** Header row texts, in sheet order. Columns are found by header, never by position. */
  headers: string[];
  /** Data body rows; may contain blank rows. Each row has headers.length cells. */
  rows: RawCell[][];
  /** 1-based worksheet row number of rows[0]. */
  firstRow: number;
  /** 0-based worksheet column index of headers[0] (A = 0). */
  firstColumn: number;
  /**
   * Index in `rows` of the first row that lies directly below the table, outside it (typed under a table that
   * did not grow, as in WPS or LibreOffice); those rows are counted and reported with `rows_outside_table`.
   * Absent when every row is inside the table.
   */
  outsideFrom?: number;
}

export type Severity = 'error' | 'warning';

/** What collection decided about a returned ballot file (ballotIdentity.ts). */
export type BallotVerdict = 'accepted' | 'rejected' | 'duplicate' | 'stale' | 'not_issued' | 'not_a_ballot';

/** Ballot-level problem codes (ballotIdentity.ts); their messages are in texts/ballots.ts. */
export type BallotProblemCode =
  | 'not_a_workbook'
  | 'not_a_ballot'
  | 'identity_changed'
  | 'not_issued'
  | 'other_year'
  | 'member_list_changed'
  | 'table_missing'
  | 'sheet_missing'
  | 'header_changed'
  | 'row_missing'
  | 'row_added'
  | 'row_repeated'
  | 'member_not_scored'
  | 'formula_in_score'
  | 'duplicate_same'
  | 'duplicate_different'
  | 'already_collected'
  | 'already_in_workbook';

/** Stable problem codes; messages are looked up from the catalogue in messages.ts. */
export type ProblemCode =
  | 'number_as_text' // warning: "９.５", " 9.5 " counted as the number
  | 'not_a_number' // error: "优", "十", "9分"
  | 'error_value' // error: #N/A and friends
  | 'out_of_range' // error: below 0 or above the dimension's points (or 100 for a total)
  | 'too_many_decimals' // error: more than one decimal
  | 'incomplete_form' // error: some dimension cells blank
  | 'duplicate_form' // error: same round, evaluator and member twice (every copy)
  | 'missing_member_id' // error: a row with scores but no 党员编号
  | 'unknown_member' // error: 党员编号 not in the roster
  | 'name_mismatch' // warning: 姓名 differs from the roster's name for that 编号
  | 'id_not_canonical' // warning: "1" written where the roster has "001"
  | 'self_peer' // warning: a peer form by a member about themself (not counted)
  | 'other_group_peer' // warning: peer evaluator is a roster member of another 党小组 (counted)
  | 'missing_evaluator' // error: blank 评价人 in kp_Peer or kp_Mass
  | 'dimension_not_in_category' // error: a score in a dimension the member's category lacks
  | 'exempt_member_scored' // warning: a form about a 免评 member (not counted)
  | 'roster_blank_id' // error
  | 'roster_duplicate_id' // error (every copy)
  | 'roster_blank_name' // error
  | 'roster_unknown_category' // error
  | 'roster_bad_exempt' // error: 免评 not 是/否/blank
  | 'bonus_not_a_number' // error
  | 'bonus_not_positive' // error: ≤ 0 where deductions are not allowed
  | 'bonus_too_many_decimals' // error
  | 'veto_unrecognised' // error: treated as yes until fixed
  | 'missing_column' // error: a table lacks a required column
  | 'setting_invalid' // error: a kp_Settings value that cannot be used
  | 'rubric_invalid' // error: a category not summing to 100, sub-items not summing to their dimension, …
  | 'rows_outside_table' // warning: rows typed directly below a table that did not grow (counted)
  | 'stale_sheet' // warning: a derived sheet (公示, 个人考评明细) made from other data than the current (domain/derived.ts)
  | 'table_missing' // warning: kp_Settings or kp_Rubric is not in the workbook (defaults used)
  | 'write_interrupted' // error: a command's writes stopped part-way (kp_State still marks it); run it again
  | 'plan_missing' // warning: a member to be scored has no 工作计划 in kp_Plans (the scheme does not require one)
  | 'plan_unknown_member' // warning: a kp_Plans row whose 党员编号 is not in the roster (not shown anywhere)
  | 'plan_duplicate' // warning: a second kp_Plans row for a member (the first one is used)
  | 'missing_form' // warning: a form still to come (no self form, a named evaluator's peer forms, a ballot out and not back)
  | 'text_clipped'; // warning: cells of an imported sheet hold more text than is examined (only the first part read)

export interface Problem {
  severity: Severity;
  /** Worksheet name, as the user sees it. */
  sheet: string;
  /** A1 address of the cell (e.g. "E7"); for a whole row the first cell of the row; '' for a whole table. */
  cell: string;
  code: ProblemCode;
  /** A complete sentence in the requested language naming the sheet and cell. */
  message: string;
  /** The member the problem is about, when there is one (decides the member's `invalid` status). */
  memberId?: string;
  /**
   * Who or what the problem names, as a grouped report line lists it (a member's name, a ballot code); and the
   * kind of the problem within its code (e.g. which round a missing form belongs to). Both only for grouping
   * the check report (checkOutline.ts); never in `--json`.
   */
  subject?: string;
  topic?: string;
}

export type MemberStatus = 'ok' | 'incomplete' | 'invalid' | 'exempt';

/** One member's result: what kp_Results shows and what `--json` prints (SPEC §4, §5). */
export interface MemberResult {
  id: string;
  name: string;
  group: string;
  category: string;
  status: MemberStatus;
  /** Round scores (mean of valid form totals); exact value as a double, for display/JSON. null if no valid form. */
  self: number | null;
  peer: number | null;
  mass: number | null;
  /** Weighted mean of the three rounds rounded half away from zero to 2 decimals; null when a round is missing. */
  average: number | null;
  /** Sum of counted bonus items after the cap (0 when none). */
  bonus: number;
  /** average + bonus, rounded once, half away from zero, to 2 decimals. null when incomplete or exempt. */
  final: number | null;
  /** Competition rank (1, 2, 2, 4) over members with a final score; null otherwise. */
  rank: number | null;
  /** final ≥ eligible threshold and no veto; null without a final score. */
  eligible: boolean | null;
  /** final < admonish threshold; null without a final score. */
  admonish: boolean | null;
  veto: boolean;
  /** The result label (评定结果), from the settings' labels. */
  result: string;
  /** 说明: what is missing or wrong, in the requested language ('' when nothing). */
  notes: string;
  /** Number of valid forms counted per round (after trimming). */
  forms: Record<Round, number>;
  /** Rounds with no valid form. */
  missing: Round[];
}

export interface Evaluation {
  year: number;
  branch: string;
  members: MemberResult[];
  problems: Problem[];
  /** Number of entry rows (forms) counted across all rounds. */
  formsUsed: number;
}

/**
 * Everything `evaluate` needs, as read from the workbook's tables. The settings and rubric blocks are parsed
 * by the domain too (parseSettings, parseRubric) so that their problems carry cell addresses.
 */
export interface EvaluationInput {
  settings: TableBlock;
  rubric: TableBlock;
  roster: TableBlock;
  self: TableBlock;
  peer: TableBlock;
  mass: TableBlock;
  bonus: TableBlock;
  review: TableBlock;
  /** kp_Plans (个人年度工作计划), when the workbook has it: members without a plan get a warning. */
  plans?: TableBlock;
}
