/**
 * 录入 → 分发测评表 / 回收测评表: make one ballot file per evaluator of a round (one .zip to download), take the
 * returned files in (several .xlsx or a .zip: a line per file with its verdict and problems; a file whose
 * evaluator already has different forms in the workbook is merged only when the secretary chooses 替换), and
 * which ballots are out and not back yet.
 */
import { Badge, Button, Field, Input, Radio, RadioGroup, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ROUNDS, type BallotVerdict, type Language, type Round } from '../../domain/types';
import type { BallotZip, BallotsOut, CollectReport, PickedFile } from '../../workbook/commandTypes';
import { bt, verdictName } from '../../domain/texts/paneBallots';
import { Busy, ErrorBar, Note } from '../feedback';
import { joinList, roundName, text } from '../../domain/texts/pane';
import { browserDownloads } from '../files';
import { useAction } from '../useAction';
import type { ViewProps } from '../viewProps';
import { useMembers } from './useMembers';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  h2: { margin: '0' },
  files: { margin: '0', paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  report: { listStyleType: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  problem: { margin: '0', paddingLeft: tokens.spacingHorizontalL },
  hidden: { display: 'none' },
  narrow: { width: '6em' },
});

const COLOR: Record<BallotVerdict, 'success' | 'danger' | 'warning' | 'informative'> = {
  accepted: 'success',
  rejected: 'danger',
  duplicate: 'warning',
  stale: 'warning',
  not_issued: 'danger',
  not_a_ballot: 'danger',
};

export function BallotFilesView({ commands, lang, status, onChanged, files }: ViewProps) {
  const styles = useStyles();
  const [mode, setMode] = useState<'distribute' | 'collect' | null>(null);
  const [outVersion, setOutVersion] = useState(0);
  if (!commands.makeBallotFiles || !commands.collectBallotFiles) return null;
  const changed = () => {
    setOutVersion((v) => v + 1);
    onChanged();
  };
  return (
    <section className={styles.section} aria-labelledby="kp-ballot-files-title">
      <Text as="h2" id="kp-ballot-files-title" weight="semibold" size={300} className={styles.h2}>
        {bt(lang, 'section')}
      </Text>
      <div className={styles.row}>
        <Button appearance={mode === 'distribute' ? 'primary' : 'secondary'} aria-pressed={mode === 'distribute'} onClick={() => setMode(mode === 'distribute' ? null : 'distribute')}>
          {bt(lang, 'distribute')}
        </Button>
        <Button appearance={mode === 'collect' ? 'primary' : 'secondary'} aria-pressed={mode === 'collect'} onClick={() => setMode(mode === 'collect' ? null : 'collect')}>
          {bt(lang, 'collect')}
        </Button>
      </div>
      {mode === 'distribute' && <Distribute commands={commands} lang={lang} status={status} onChanged={changed} files={files} />}
      {mode === 'collect' && <Collect commands={commands} lang={lang} status={status} onChanged={changed} />}
      <BallotsOutPanel commands={commands} lang={lang} version={outVersion} />
    </section>
  );
}

/**
 * Makes a round's ballots and hands them over: a .zip download, or (Excel for Mac / iPad, where downloads do
 * nothing) each ballot opened as a new Excel window. A download may not have happened, so the ballots are
 * recorded as handed out only when the secretary confirms having the files (已拿到文件).
 */
function Distribute({ commands, lang, status, onChanged, files = browserDownloads }: ViewProps) {
  const styles = useStyles();
  const members = useMembers(commands, status);
  const groups = [...new Set(members.filter((m) => !m.exempt).map((m) => m.group).filter(Boolean))];
  const [round, setRound] = useState<Round>('peer');
  const [kind, setKind] = useState<'members' | 'codes'>('members');
  const [group, setGroup] = useState('');
  const [codes, setCodes] = useState('20');
  const codesUsed = round === 'mass' || (round === 'peer' && kind === 'codes');
  const codeCount = Number(codes);
  const codesOk = !codesUsed || (/^\d{1,3}$/.test(codes.trim()) && codeCount >= 1);
  const [opened, setOpened] = useState<Set<string>>(new Set());
  const [recorded, setRecorded] = useState<number | null>(null);
  const make = useAction(lang, async (): Promise<BallotZip> => {
    setRecorded(null);
    setOpened(new Set());
    const made = await (commands.makeBallotFiles as NonNullable<typeof commands.makeBallotFiles>)(round, {
      group: group || undefined,
      codes: codesUsed ? codeCount : undefined,
    });
    if (made.zip && made.zipName && files.mode === 'download') await files.offer(made.zip, made.zipName);
    return made;
  });
  const openOne = useAction(lang, async (ballot: { name: string; bytes: Uint8Array }) => {
    await files.offer(ballot.bytes, ballot.name);
    setOpened((s) => new Set([...s, ballot.name]));
    return ballot.name;
  });
  const record = useAction(lang, async (): Promise<number> => {
    const issued = make.result?.issued ?? [];
    const n = commands.recordBallotsOut ? await commands.recordBallotsOut(issued) : 0;
    setRecorded(issued.length);
    onChanged();
    return n;
  });
  const made = make.result;
  return (
    <div className={styles.section} role="group" aria-label={bt(lang, 'distribute')}>
      <Text size={200}>{bt(lang, 'distributeHint')}</Text>
      <div className={styles.row}>
        <Field label={bt(lang, 'distributeRound')}>
          <Select value={round} onChange={(_, d) => setRound(d.value as Round)}>
            {ROUNDS.map((r) => (
              <option key={r} value={r}>
                {roundName(lang, r)}
              </option>
            ))}
          </Select>
        </Field>
        {groups.length > 0 && (
          <Field label={bt(lang, 'group')}>
            <Select value={group} onChange={(_, d) => setGroup(d.value)}>
              <option value="">{bt(lang, 'allGroups')}</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {round === 'peer' && (
        <Field label={bt(lang, 'kind')}>
          <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as 'members' | 'codes')} layout="horizontal">
            <Radio value="members" label={bt(lang, 'kindMembers')} />
            <Radio value="codes" label={bt(lang, 'kindCodes')} />
          </RadioGroup>
        </Field>
      )}
      {codesUsed && (
        <Field
          label={bt(lang, 'codes')}
          hint={bt(lang, round === 'mass' ? 'codesHintMass' : 'codesHintPeer')}
          validationState={codesOk ? 'none' : 'error'}
        >
          <Input className={styles.narrow} inputMode="numeric" value={codes} onChange={(_, d) => setCodes(d.value)} />
        </Field>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={make.busy || !codesOk || !status?.installed} onClick={() => void make.run()}>
          {bt(lang, 'make')}
        </Button>
        {make.busy && <Busy label={text(lang, 'working')} />}
      </div>
      <ErrorBar message={make.error ?? openOne.error ?? record.error ?? (made && made.problems.length > 0 ? made.problems.join(' ') : null)} />
      {made?.zip && made.zipName && files.mode === 'download' && (
        <Note intent="info">
          {bt(lang, 'madeDownload', { count: made.files.length, zip: made.zipName })}{' '}
          <Button size="small" appearance="transparent" onClick={() => void files.offer(made.zip as Uint8Array, made.zipName as string)}>
            {bt(lang, 'download')}
          </Button>
          <ul className={styles.files}>
            {made.files.slice(0, 6).map((f) => (
              <li key={f}>{f}</li>
            ))}
            {made.files.length > 6 && <li>…</li>}
          </ul>
        </Note>
      )}
      {made?.zip && files.mode === 'open' && (
        <Note intent="info">
          {bt(lang, 'madeOpen', { count: made.ballots.length })}
          <ul className={styles.files} aria-label={bt(lang, 'ballotList')}>
            {made.ballots.map((b) => (
              <li key={b.name}>
                <Button size="small" disabled={openOne.busy} onClick={() => void openOne.run(b)}>
                  {bt(lang, 'openInExcel', { name: b.name })}
                </Button>
                {opened.has(b.name) && ` ${bt(lang, 'opened')}`}
              </li>
            ))}
          </ul>
        </Note>
      )}
      {made?.zip && files.mode === 'none' && <Note intent="warning">{bt(lang, 'cannotDeliver')}</Note>}
      {made?.zip && files.mode !== 'none' && recorded === null && (
        <div className={styles.row} role="group" aria-label={bt(lang, 'confirmLabel')}>
          <Text size={200}>{bt(lang, 'confirmHint')}</Text>
          <Button appearance="primary" disabled={record.busy} onClick={() => void record.run()}>
            {bt(lang, 'confirm')}
          </Button>
        </div>
      )}
      {recorded !== null && <Note intent="success">{bt(lang, 'recorded', { count: recorded })}</Note>}
    </div>
  );
}

function Collect({ commands, lang, onChanged }: ViewProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [report, setReport] = useState<CollectReport | null>(null);
  const [replaced, setReplaced] = useState<Set<string>>(new Set());
  const collectFn = commands.collectBallotFiles as NonNullable<typeof commands.collectBallotFiles>;
  const collect = useAction(lang, async (files: PickedFile[]) => {
    const r = await collectFn(files);
    setReport(r);
    setReplaced(new Set());
    onChanged();
    return r;
  });
  const replace = useAction(lang, async (name: string) => {
    // A ballot inside a picked .zip is reported as "zip/ballot.xlsx": the .zip is read again, only that one replaced.
    const file = picked.find((f) => f.name === name) ?? picked.find((f) => name.startsWith(`${f.name}/`));
    if (!file) return null;
    const r = await collectFn([file], { replace: [name] });
    const line = r.files.find((f) => f.file === name);
    if (line) setReport((prev) => (prev ? { ...prev, written: prev.written + r.written, files: prev.files.map((f) => (f.file === name ? line : f)) } : prev));
    if (line?.verdict === 'accepted') setReplaced((s) => new Set([...s, name]));
    onChanged();
    return r;
  });
  const onPick = async (list: FileList | null) => {
    if (!list) return;
    const files: PickedFile[] = [];
    const seen = new Set<string>();
    for (const f of Array.from(list)) {
      // Two files of one name (from different folders) get "(2)": each line of the report is one file.
      let name = f.name;
      for (let i = 2; seen.has(name); i++) name = `${f.name} (${i})`;
      seen.add(name);
      files.push({ name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    setPicked(files);
    setReport(null);
    collect.reset();
  };
  const accepted = report ? report.files.filter((f) => f.verdict === 'accepted').length : 0;
  return (
    <div className={styles.section} role="group" aria-label={bt(lang, 'collect')}>
      <Text size={200}>{bt(lang, 'collectHint')}</Text>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        multiple
        accept=".xlsx,.zip,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={bt(lang, 'pick')}
        onChange={(e) => {
          void onPick(e.target.files);
          e.target.value = '';
        }}
      />
      <div className={styles.row}>
        <Button onClick={() => input.current?.click()}>{bt(lang, 'pick')}</Button>
        <Button appearance="primary" disabled={picked.length === 0 || collect.busy} onClick={() => void collect.run(picked)}>
          {bt(lang, 'collectRun')}
        </Button>
        {(collect.busy || replace.busy) && <Busy label={text(lang, 'working')} />}
      </div>
      {picked.length > 0 && !report && <Text size={200}>{bt(lang, 'picked', { count: picked.length })}</Text>}
      <ErrorBar message={collect.error ?? replace.error} />
      {report && (
        <>
          <Note intent={accepted === report.files.length ? 'success' : 'warning'}>
            {bt(lang, 'summary', { files: report.files.length, accepted, written: report.written, others: report.files.length - accepted })}
          </Note>
          {(report.notes ?? []).map((n) => (
            <Note key={n} intent="info">
              {n}
            </Note>
          ))}
          <ul className={styles.report} aria-label={bt(lang, 'collectReport')}>
            {report.files.map((f) => (
              <li key={f.file} className={styles.line} data-verdict={f.verdict}>
                <span className={styles.head}>
                  <Badge appearance="tint" color={COLOR[f.verdict]}>
                    {verdictName(lang, f.verdict)}
                  </Badge>
                  <Text size={200} weight="semibold">
                    {f.file}
                  </Text>
                  {f.verdict === 'accepted' && <Text size={200}>{bt(lang, 'forms', { count: f.forms })}</Text>}
                  {replaced.has(f.file) && <Text size={200}>{bt(lang, 'replaced')}</Text>}
                </span>
                {f.problems.length > 0 && (
                  <ul className={styles.problem}>
                    {f.problems.map((p, i) => (
                      <li key={i}>{p.message}</li>
                    ))}
                  </ul>
                )}
                {f.problems.some((p) => p.code === 'already_in_workbook') && (
                  <span>
                    <Button size="small" disabled={replace.busy} onClick={() => void replace.run(f.file)}>
                      {bt(lang, 'replace')}
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function BallotsOutPanel({ commands, lang, version }: { commands: ViewProps['commands']; lang: Language; version: number }) {
  const styles = useStyles();
  const get = commands.getBallotsOut;
  const out = useAction(lang, async (): Promise<BallotsOut[]> => (get ? get() : []));
  const run = out.run;
  const load = useCallback(() => void run(), [run]);
  useEffect(load, [load, version]);
  const list = out.result ?? [];
  return (
    <div className={styles.section} aria-label={bt(lang, 'out')} role="group">
      <Text weight="semibold" size={200}>
        {bt(lang, 'out')}
      </Text>
      <ErrorBar message={out.error} />
      {out.result && list.length === 0 && <Text size={200}>{bt(lang, 'outNone')}</Text>}
      {ROUNDS.map((r) => {
        const of = list.filter((b) => b.round === r);
        if (of.length === 0) return null;
        const missing = of.filter((b) => !b.back).map((b) => b.label || b.evaluator);
        const reissued = of.reduce((n, b) => n + (b.reissued ?? 0), 0);
        return (
          <Text size={200} key={r} data-round={r}>
            {bt(lang, 'outLine', { round: roundName(lang, r), issued: of.length, back: of.length - missing.length })}
            {reissued > 0 ? bt(lang, 'outReissued', { reissued }) : ''}
            {missing.length > 0 ? `；${bt(lang, 'notBack')}${joinList(lang, missing.slice(0, 30))}${missing.length > 30 ? '…' : ''}` : ''}
          </Text>
        );
      })}
    </div>
  );
}
