/**
 * Charts in .xlsx: ExcelJS neither reads nor writes them, so the saved package is post-processed with JSZip
 * (drawing + chart parts, minimal DrawingML), and charts are read back from those parts on load (type, title,
 * source range, position). Charts made by Excel come back with those properties only.
 */
import JSZip from 'jszip';
import { type Rect, colIndex, colName, MAX_COLS } from './address';
import { type ChartModel, type Sheet, type WorkbookModel } from './model';
import { quoteSheet } from './address';

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function unesc(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Sheet name → worksheet part path, from workbook.xml and its relationships. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  const relsXml = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && rid && targets.has(rid)) out.set(unesc(name), targets.get(rid)!);
  }
  return out;
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

function resolveTarget(part: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const dir = part.slice(0, part.lastIndexOf('/')).split('/');
  for (const seg of target.split('/')) {
    if (seg === '..') dir.pop();
    else if (seg !== '.') dir.push(seg);
  }
  return dir.join('/');
}

function position(chart: ChartModel): { from: [number, number]; to: [number, number] } {
  if (chart.position) {
    const s = chart.position.start.split(',').map(Number);
    const e = chart.position.end ? chart.position.end.split(',').map(Number) : null;
    return { from: [s[0], s[1]], to: e ? [e[2] + 1, e[3] + 1] : [s[0] + 15, s[1] + 8] };
  }
  const c = Math.min(chart.source.c1 + 2, MAX_COLS - 9);
  return { from: [chart.source.r0, c], to: [chart.source.r0 + 15, c + 8] };
}

function ref(sheet: string, r0: number, c0: number, r1: number, c1: number): string {
  return `${quoteSheet(sheet)}!$${colName(c0)}$${r0 + 1}:$${colName(c1)}$${r1 + 1}`;
}

function cellText(sheet: Sheet, r: number, c: number): string {
  const v = sheet.cell(r, c)?.value;
  return v === null || v === undefined ? '' : String(v);
}

function chartXml(sheet: Sheet, chart: ChartModel): string {
  const s = chart.source;
  const byRows = chart.seriesBy === 'Rows';
  const series: string[] = [];
  const type = chart.type;
  const n = byRows ? s.r1 - s.r0 : s.c1 - s.c0;
  for (let i = 1; i <= n; i++) {
    const name = byRows ? ref(sheet.name, s.r0 + i, s.c0, s.r0 + i, s.c0) : ref(sheet.name, s.r0, s.c0 + i, s.r0, s.c0 + i);
    const cat = byRows ? ref(sheet.name, s.r0, s.c0 + 1, s.r0, s.c1) : ref(sheet.name, s.r0 + 1, s.c0, s.r1, s.c0);
    const val = byRows ? ref(sheet.name, s.r0 + i, s.c0 + 1, s.r0 + i, s.c1) : ref(sheet.name, s.r0 + 1, s.c0 + i, s.r1, s.c0 + i);
    const cats: string[] = [], vals: string[] = [];
    const len = byRows ? s.c1 - s.c0 : s.r1 - s.r0;
    for (let k = 1; k <= len; k++) {
      cats.push(byRows ? cellText(sheet, s.r0, s.c0 + k) : cellText(sheet, s.r0 + k, s.c0));
      const v = byRows ? sheet.cell(s.r0 + i, s.c0 + k)?.value : sheet.cell(s.r0 + k, s.c0 + i)?.value;
      vals.push(typeof v === 'number' ? String(v) : '');
    }
    const seriesName = byRows ? cellText(sheet, s.r0 + i, s.c0) : cellText(sheet, s.r0, s.c0 + i);
    series.push(`<c:ser><c:idx val="${i - 1}"/><c:order val="${i - 1}"/>`
      + `<c:tx><c:strRef><c:f>${esc(name)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(seriesName)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
      + (type.startsWith('Line') ? '<c:marker><c:symbol val="circle"/></c:marker>' : '')
      + `<c:cat><c:strRef><c:f>${esc(cat)}</c:f><c:strCache><c:ptCount val="${len}"/>${cats.map((t, k) => `<c:pt idx="${k}"><c:v>${esc(t)}</c:v></c:pt>`).join('')}</c:strCache></c:strRef></c:cat>`
      + `<c:val><c:numRef><c:f>${esc(val)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${len}"/>${vals.map((t, k) => (t === '' ? '' : `<c:pt idx="${k}"><c:v>${t}</c:v></c:pt>`)).join('')}</c:numCache></c:numRef></c:val>`
      + (type.startsWith('Line') ? '<c:smooth val="0"/>' : '')
      + '</c:ser>');
  }
  const axes = '<c:axId val="50010001"/><c:axId val="50010002"/>';
  let plot: string;
  if (type.startsWith('Pie')) {
    plot = `<c:pieChart><c:varyColors val="1"/>${series.join('')}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else if (type.startsWith('Line')) {
    plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join('')}<c:marker val="1"/>${axes}</c:lineChart>`;
  } else {
    const dir = type.startsWith('Bar') ? 'bar' : 'col';
    const grouping = type.endsWith('Stacked100') ? 'percentStacked' : type.endsWith('Stacked') ? 'stacked' : 'clustered';
    const overlap = grouping === 'clustered' ? '' : '<c:overlap val="100"/>';
    plot = `<c:barChart><c:barDir val="${dir}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${series.join('')}<c:gapWidth val="150"/>${overlap}${axes}</c:barChart>`;
  }
  const axisXml = type.startsWith('Pie') ? '' :
    '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
    + `<c:axPos val="${type.startsWith('Bar') ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>`
    + '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
    + `<c:axPos val="${type.startsWith('Bar') ? 'b' : 'l'}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  const legend = (chart as ChartModel & { legendVisible?: boolean; legendPosition?: string });
  const legendPos = { Right: 'r', Left: 'l', Top: 't', Bottom: 'b' }[legend.legendPosition ?? 'Right'] ?? 'r';
  const title = chart.title
    ? `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`
    : '<c:autoTitleDeleted val="1"/>';
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    + `xmlns:r="${NS_R}"><c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>${plot}${axisXml}</c:plotArea>`
    + (legend.legendVisible === false ? '' : `<c:legend><c:legendPos val="${legendPos}"/><c:overlay val="0"/></c:legend>`)
    + '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>';
}

function drawingXml(sheet: Sheet, firstChart: number): string {
  const anchors = sheet.charts.map((ch, i) => {
    const p = position(ch);
    return `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${p.from[1]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.from[0]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`
      + `<xdr:to><xdr:col>${p.to[1]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.to[0]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`
      + `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(ch.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`
      + '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
      + `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  });
  void firstChart;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    + `xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`;
}

/** Adds the charts of the model to a package written by ExcelJS. */
export async function addCharts(zip: JSZip, parts: Map<string, string>, model: WorkbookModel): Promise<void> {
  if (!model.sheets.some((s) => s.charts.length)) return;
  let types = await zip.file('[Content_Types].xml')!.async('string');
  let drawingNo = 0, chartNo = 0;
  while (zip.file(`xl/drawings/drawing${drawingNo + 1}.xml`)) drawingNo++;
  while (zip.file(`xl/charts/chart${chartNo + 1}.xml`)) chartNo++;
  for (const sheet of model.sheets) {
    if (!sheet.charts.length) continue;
    const part = parts.get(sheet.name);
    if (!part || !zip.file(part)) continue;
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const chartRels: string[] = [];
    sheet.charts.forEach((ch, i) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(sheet, ch));
      types = types.replace('</Types>', `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`);
      chartRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNo}.xml"/>`);
    });
    zip.file(drawingPath, drawingXml(sheet, chartNo));
    zip.file(relsPath(drawingPath), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${chartRels.join('')}</Relationships>`);
    types = types.replace('</Types>', `<Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);
    const rp = relsPath(part);
    const rid = 'rIdKpDrawing';
    const rel = `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/>`;
    const existing = zip.file(rp);
    if (existing) zip.file(rp, (await existing.async('string')).replace('</Relationships>', `${rel}</Relationships>`));
    else zip.file(rp, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`);
    let xml = await zip.file(part)!.async('string');
    if (!/xmlns:r=/.test(xml.slice(0, 2000))) xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${NS_R}" `);
    const tag = `<drawing r:id="${rid}"/>`;
    const before = ['<legacyDrawing', '<legacyDrawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>']
      .map((t) => xml.indexOf(t)).filter((i) => i >= 0);
    const at = Math.min(...before);
    xml = xml.slice(0, at) + tag + xml.slice(at);
    zip.file(part, xml);
  }
  zip.file('[Content_Types].xml', types);
}

function parseRef(f: string): { sheet: string; rect: Rect } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(f.trim());
  if (!m) return null;
  const sheet = (m[1] ?? m[2]).replace(/''/g, "'");
  const c0 = colIndex(m[3]), r0 = +m[4] - 1;
  const c1 = m[5] ? colIndex(m[5]) : c0, r1 = m[6] ? +m[6] - 1 : r0;
  return { sheet, rect: { r0, c0, r1, c1 } };
}

/** Reads charts (type, title, source, position) from a package into the model's sheets. */
export async function readCharts(zip: JSZip, parts: Map<string, string>, model: WorkbookModel): Promise<void> {
  if (!Object.keys(zip.files).some((f) => f.startsWith('xl/charts/'))) return;
  for (const [name, part] of parts) {
    const sheet = model.sheetByName(name);
    const relsFile = zip.file(relsPath(part));
    if (!sheet || !relsFile) continue;
    const rels = await relsFile.async('string');
    for (const m of rels.matchAll(/<Relationship\b[^>]*Type="[^"]*\/drawing"[^>]*>/g)) {
      const target = /Target="([^"]+)"/.exec(m[0])?.[1];
      if (!target) continue;
      const drawingPath = resolveTarget(part, target);
      const dXml = await zip.file(drawingPath)?.async('string');
      const dRels = await zip.file(relsPath(drawingPath))?.async('string');
      if (!dXml || !dRels) continue;
      for (const a of dXml.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
        const rid = /<c:chart\b[^>]*r:id="([^"]+)"/.exec(a[0])?.[1];
        if (!rid) continue;
        const rel = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(dRels)?.[0];
        const ct = rel && /Target="([^"]+)"/.exec(rel)?.[1];
        if (!ct) continue;
        const cXml = await zip.file(resolveTarget(drawingPath, ct))?.async('string');
        if (!cXml) continue;
        const num = (tag: string, part: 'from' | 'to'): number => Number(new RegExp(`<xdr:${part}>[\\s\\S]*?<xdr:${tag}>(\\d+)</xdr:${tag}>`).exec(a[0])?.[1] ?? 0);
        const from = [num('row', 'from'), num('col', 'from')], to = [num('row', 'to'), num('col', 'to')];
        let type = 'ColumnClustered';
        if (/<c:pieChart>/.test(cXml)) type = 'Pie';
        else if (/<c:lineChart>/.test(cXml)) type = 'Line';
        else if (/<c:barChart>/.test(cXml)) {
          const bar = /<c:barDir val="bar"/.test(cXml);
          const g = /<c:grouping val="(\w+)"/.exec(cXml)?.[1] ?? 'clustered';
          type = `${bar ? 'Bar' : 'Column'}${g === 'stacked' ? 'Stacked' : g === 'percentStacked' ? 'Stacked100' : 'Clustered'}`;
        }
        const titleRuns = /<c:title>([\s\S]*?)<\/c:title>/.exec(cXml)?.[1] ?? '';
        const title = unesc([...titleRuns.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join(''));
        const refs = [...cXml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((f) => parseRef(unesc(f[1]))).filter((r): r is { sheet: string; rect: Rect } => r !== null);
        const same = refs.filter((r) => r.sheet.toLowerCase() === name.toLowerCase());
        if (!same.length) continue;
        const source = same.reduce((acc, r) => ({ r0: Math.min(acc.r0, r.rect.r0), c0: Math.min(acc.c0, r.rect.c0), r1: Math.max(acc.r1, r.rect.r1), c1: Math.max(acc.c1, r.rect.c1) }), same[0].rect);
        const firstSer = /<c:ser>[\s\S]*?<c:val>[\s\S]*?<c:f>([^<]*)<\/c:f>/.exec(cXml)?.[1];
        const valRect = firstSer ? parseRef(unesc(firstSer))?.rect : null;
        const seriesBy = valRect && valRect.r0 === valRect.r1 && valRect.c0 !== valRect.c1 ? 'Rows' : 'Columns';
        sheet.charts.push({
          id: model.newId(), name: /<xdr:cNvPr\b[^>]*name="([^"]*)"/.exec(a[0])?.[1] ?? `Chart ${sheet.charts.length + 1}`,
          type, source, seriesBy, title,
          position: { start: `${from[0]},${from[1]},${from[0]},${from[1]}`, end: `${to[0] - 1},${to[1] - 1},${to[0] - 1},${to[1] - 1}` },
        });
      }
    }
  }
}
