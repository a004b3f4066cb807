/**
 * The web page's first screen, shown where the workbook grid goes until a workbook is opened or made: what this
 * is, the three steps of a year, and three ways in — 示例工作簿, 打开 .xlsx, 新建 — with where the data stays.
 */
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '720px',
    lineHeight: tokens.lineHeightBase400,
    overflowY: 'auto',
  },
  title: { display: 'block', marginBottom: tokens.spacingVerticalM },
  steps: { paddingLeft: tokens.spacingHorizontalXL, margin: `${tokens.spacingVerticalM} 0` },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', margin: `${tokens.spacingVerticalL} 0` },
  privacy: {
    display: 'block',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface WelcomeProps {
  /** True while the sample workbook is being made. */
  making: boolean;
  /** Why the sample could not be made (shown under the buttons). */
  error: string | null;
  onSample: () => void;
  onOpen: () => void;
  onNew: () => void;
  /** 党委汇总 (the committee's roll-up of branch workbooks). */
  rollup?: ReactNode;
}

export function Welcome({ making, error, onSample, onOpen, onNew, rollup }: WelcomeProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="kp-welcome-title" data-testid="welcome">
      <Text as="h1" size={600} weight="semibold" id="kp-welcome-title" className={styles.title}>
        党员分类量化考评（网页版）
      </Text>
      <Text as="p" block>
        {'这是“考评”的网页版：不用安装，不需要 Excel。用 WPS、LibreOffice 的同志，在这里完成一年的考评，再把工作簿下载下来，' +
          '用 Excel 或 WPS 打开、打印、保存。左边是考评操作，右边是工作簿（窗口较窄时上下排列）：党员名册、年度工作计划等' +
          '直接在右边的表格里填写——点一个单元格直接输入，回车到下一行，Tab 到右边一格，也可以从 Excel 或 WPS 复制一整块粘贴进来。'}
      </Text>
      <ol className={styles.steps}>
        <li>
          <Text>打开去年的工作簿（.xlsx）或新建一个；在左边的“开始”里安装考评表，导入或直接填写党员名册。</Text>
        </li>
        <li>
          <Text>在“录入”里逐张录入测评表，“校验”找出填错的单元格，“结果”计算得分和排名，“公示”生成公示表。</Text>
        </li>
        <li>
          <Text>点“下载 .xlsx”保存（文件名写明年度和步骤，如 考评2026-结果.xlsx），用 Excel 或 WPS 打开、打印；明年再打开它继续。</Text>
        </li>
      </ol>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={making} onClick={onSample} icon={making ? <Spinner size="tiny" /> : undefined}>
          {making ? '正在生成示例工作簿…' : '示例工作簿'}
        </Button>
        <Button disabled={making} onClick={onOpen}>
          打开 .xlsx
        </Button>
        <Button disabled={making} onClick={onNew}>
          新建
        </Button>
      </div>
      {rollup && (
        <>
          <Text as="p" block>
            党委、党总支、党工委汇总各党支部的考评结果：点“党委汇总…”，选中各党支部交上来的工作簿（可多选，或选 .zip），生成汇总工作簿（汇总表、全体党员、需关注名单、问题），核对后下载。
          </Text>
          {rollup}
        </>
      )}
      {error && (
        <Text as="p" block role="alert" className={styles.error}>
          {error}
        </Text>
      )}
      <Text as="p" block>
        示例工作簿是一个虚构的党支部（8 名党员、两个党小组），已经录入了一年的自评、互评和群众测评并计算了结果，可以随意查看和修改。
      </Text>
      <Text as="p" block className={styles.privacy} role="note">
        数据只在这台电脑的浏览器里处理：本页面不上传任何内容，不发出任何网络请求，断网也能用。关闭页面后内容不会保留，请及时下载保存。
      </Text>
    </section>
  );
}
