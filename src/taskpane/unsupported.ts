/**
 * Plain-HTML messages for Excel versions that cannot run the pane. Shown without React, in both
 * languages, because we cannot know the workbook's language yet.
 */
export type Unsupported = 'oldExcel' | 'notExcel';

const messages: Record<Unsupported, string> = {
  oldExcel:
    '<h1>需要更新的 Excel</h1><p>本加载项需要 Excel 2021 或更高版本、Microsoft 365 或 Excel 网页版（ExcelApi 1.13：数据验证、页面设置、表格调整）。' +
    '当前的 Excel 版本不支持，请升级后再打开。</p>' +
    '<p lang="en">This add-in needs Excel 2021 or later, Microsoft 365 or Excel on the web (ExcelApi 1.13). This Excel is too old.</p>',
  notExcel:
    '<h1>请在 Excel 中使用</h1><p>本加载项只能在 Excel 中运行。</p><p lang="en">This add-in runs in Excel only.</p>',
};

export function unsupportedMessage(kind: Unsupported): string {
  return `<div style="font-family:'Microsoft YaHei','Segoe UI',sans-serif;padding:12px;line-height:1.5">${messages[kind]}</div>`;
}
