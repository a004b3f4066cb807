/**
 * Charts: those in a file stay in their drawing parts as written (read here only for the API: type, title, source,
 * position); charts added through the API are written as minimal DrawingML parts.
 */
import { type Rect, colIndex, colName, MAX_COLS, quoteSheet } from '../model/address';
import type { ChartModel, Sheet, WorkbookModel } from '../model/model';
import { type Package, REL, isRel, relsPartOf, resolvePart } from './opc';

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function unesc(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
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

export function chartXml(sheet: Sheet, chart: ChartModel): string {
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

/** One anchor per chart (relationship ids given), for a new drawing part or appended to an existing one. */
export function anchorsXml(charts: ChartModel[], rids: string[], firstShapeId: number): string {
  return charts.map((ch, i) => {
    const p = position(ch);
    return `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${p.from[1]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.from[0]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`
      + `<xdr:to><xdr:col>${p.to[1]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.to[0]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`
      + `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${firstShapeId + i}" name="${esc(ch.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`
      + '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
      + `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rids[i]}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  }).join('');
}

export function drawingXml(anchors: string): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    + `xmlns:r="${NS_R}">${anchors}</xdr:wsDr>`;
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
export function readCharts(pkg: Package, sheet: Sheet, part: string, model: WorkbookModel): void {
  const name = sheet.name;
  for (const rel of pkg.rels(part)) {
    if (rel.external || !isRel(rel, REL.drawing)) continue;
    {
      const drawingPath = rel.part;
      const dXml = pkg.text(drawingPath);
      const dRels = pkg.text(relsPartOf(drawingPath));
      if (!dXml || !dRels) continue;
      for (const a of dXml.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
        const rid = /<c:chart\b[^>]*r:id="([^"]+)"/.exec(a[0])?.[1];
        if (!rid) continue;
        const rel = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*>`).exec(dRels)?.[0];
        const ct = rel && /Target="([^"]+)"/.exec(rel)?.[1];
        if (!ct) continue;
        const cXml = pkg.text(resolvePart(drawingPath, ct));
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
          type, source, seriesBy, title, fromFile: true,
          position: { start: `${from[0]},${from[1]},${from[0]},${from[1]}`, end: `${to[0] - 1},${to[1] - 1},${to[0] - 1},${to[1] - 1}` },
        });
      }
    }
  }
}
