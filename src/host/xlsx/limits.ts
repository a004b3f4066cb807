/**
 * Limits on what a workbook file may make the host hold, far above any real workbook (the add-in's own workbook for
 * 2,000 members with 70 群众 forms each: a forms sheet of 81 MB, about two million cells; Excel itself holds at most
 * 32,767 characters in a cell). A file past them is refused at once with one line, before its memory or time runs away: a 400 KB .xlsx that
 * inflates to 400 MB, or one shared string of a million characters repeated in every cell.
 */
import { PackageError } from './packageError';

export const LIMITS = {
  /**
   * Uncompressed bytes of one part (declared in the zip, and checked again while inflating). Was 100 MB: a branch of
   * 2,000 members with 100 forms each (a 116 MB forms sheet) would have been refused.
   */
  partBytes: 256 * 1024 * 1024,
  /** Uncompressed bytes of all the parts read from one file. */
  totalBytes: 512 * 1024 * 1024,
  /** Cells in one workbook. */
  cells: 6_000_000,
  /** Characters of one text (a shared or inline string): Excel's own limit is 32,767. */
  textLength: 100_000,
};

/** A file past one of the limits above. */
export class LimitError extends PackageError {
  constructor(message: string) { super(message); this.name = 'LimitError'; }
}

const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;

export function partTooLarge(part: string, bytes: number): LimitError {
  return new LimitError(`文件中的部件 ${part} 解压后有 ${mb(bytes)}，超过上限 ${mb(LIMITS.partBytes)}：这不是一个正常的工作簿（可能是“压缩炸弹”），已拒绝打开`);
}
export function totalTooLarge(): LimitError {
  return new LimitError(`文件解压后超过 ${mb(LIMITS.totalBytes)}，远大于任何正常的工作簿，已拒绝打开`);
}
export function tooManyCells(): LimitError {
  return new LimitError(`工作簿的单元格超过 ${LIMITS.cells.toLocaleString('en-US')} 个，远多于任何考评工作簿，已拒绝打开`);
}
export function textTooLong(where: string, length: number): LimitError {
  return new LimitError(`${where}有一段文字长 ${length.toLocaleString('en-US')} 个字符（Excel 单元格最多 32,767 个），这不是一个正常的工作簿，已拒绝打开`);
}
