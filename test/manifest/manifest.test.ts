import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkManifest } from '../../scripts/manifestCheck';

const root = join(__dirname, '..', '..');

/** A copy of the project's manifest and assets in which one thing is broken. */
function withBrokenManifest(edit: (xml: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-manifest-'));
  try {
    cpSync(join(root, 'assets'), join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'webpack.config.js'), readFileSync(join(root, 'webpack.config.js'), 'utf8'));
    writeFileSync(join(dir, 'manifest.xml'), edit(readFileSync(join(root, 'manifest.xml'), 'utf8')));
    mkdirSync(join(dir, 'src'), { recursive: true });
    return checkManifest(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('manifest.xml offline check', () => {
  it('passes for the project manifest', () => {
    expect(checkManifest(root)).toEqual([]);
  });

  it('declares an Excel task pane with ReadWriteDocument, ExcelApi 1.13 and zh-CN with en-US overrides', () => {
    const xml = readFileSync(join(root, 'manifest.xml'), 'utf8');
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.13"/>');
    expect(xml).toContain('<DisplayName DefaultValue="量化考评">');
    expect(xml).toMatch(/<Override Locale="en-US"/);
    expect(xml).toContain('<OfficeTab id="TabHome">');
  });

  it('reports XML that is not well-formed', () => {
    expect(withBrokenManifest((x) => x.replace('</ProviderName>', '</Provider>'))[0]).toMatch(/not well-formed/);
  });

  it('reports an undefined resid', () => {
    expect(withBrokenManifest((x) => x.replace('resid="Group.Label"', 'resid="Group.Missing"'))).toContain('resid not defined: Group.Missing');
  });

  it('reports a missing icon and a wrong icon size', () => {
    const missing = withBrokenManifest((x) => x.replace('assets/icon-80.png"/>\n      </bt:Images>', 'assets/icon-81.png"/>\n      </bt:Images>'));
    expect(missing.join('\n')).toMatch(/file missing .*icon-81\.png/);
    const wrong = withBrokenManifest((x) => x.replace('<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"/>', '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"/>'));
    expect(wrong.join('\n')).toMatch(/not a 16×16 PNG/);
  });

  it('reports a URL on another origin or over http', () => {
    const other = withBrokenManifest((x) => x.replace('https://localhost:3000/commands.html', 'http://example.org/commands.html'));
    expect(other.join('\n')).toMatch(/not https/);
    expect(other.join('\n')).toMatch(/not on the add-in's origin/);
  });

  it('reports elements out of schema order and a missing required element', () => {
    const swapped = withBrokenManifest((x) => x.replace(/(<Version>.*?<\/Version>)\s*(<ProviderName>.*?<\/ProviderName>)/, '$2$1'));
    expect(swapped.join('\n')).toMatch(/out of schema order/);
    const noPerm = withBrokenManifest((x) => x.replace('<Permissions>ReadWriteDocument</Permissions>', ''));
    expect(noPerm).toContain('missing <Permissions>');
  });
});
