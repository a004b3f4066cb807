/**
 * A minimal WebDriver BiDi client for Debian's firefox-esr. playwright-core cannot drive it: its own Firefox
 * protocol (Juggler) needs Playwright's patched Firefox build, and its BiDi mode (channel "moz-firefox") creates
 * every browser context with emulation.setMediaFeaturesOverride, which Firefox 153 ESR does not know ("unknown
 * command"). So the Firefox test speaks the W3C protocol directly: start firefox-esr headless with
 * --remote-debugging-port, open a session, subscribe to console and network events, run scripts in the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX = '/usr/bin/firefox-esr';

type Json = Record<string, unknown>;
interface Pending {
  resolve: (v: Json) => void;
  reject: (e: Error) => void;
  method: string;
}

export interface BidiEvent {
  method: string;
  params: Json;
}

export class Firefox {
  private ws!: WebSocket;
  private proc!: ChildProcess;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners: ((e: BidiEvent) => void)[] = [];
  readonly profile = mkdtempSync(join(tmpdir(), 'kaoping-firefox-'));
  readonly downloads = join(this.profile, 'downloads');
  context = '';
  stderr = '';

  /** Starts firefox-esr headless with a fresh profile (downloads saved, no prompts, no background traffic). */
  async start(): Promise<void> {
    if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: install Debian's firefox-esr package (apt-get install firefox-esr).`);
    mkdirSync(this.downloads, { recursive: true });
    const prefs: Record<string, string | number | boolean> = {
      'browser.download.folderList': 2,
      'browser.download.dir': this.downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      'app.update.disabledForTesting': true,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.update.enabled': false,
    };
    writeFileSync(join(this.profile, 'user.js'), Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
    this.proc = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', this.profile, '--remote-debugging-port=0', 'about:blank'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`firefox-esr did not start its WebDriver BiDi server within 60 s:\n${this.stderr}`)), 60000);
      const onData = (b: Buffer) => {
        this.stderr += b.toString();
        const m = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(this.stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      this.proc.stderr?.on('data', onData);
      this.proc.stdout?.on('data', onData);
      this.proc.on('exit', (code) => reject(new Error(`firefox-esr exited (${code}) before it started:\n${this.stderr}`)));
    });
    this.ws = new WebSocket(`${url}/session`);
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Json;
      if (typeof msg.id === 'number') {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.type === 'error') p.reject(new Error(`${p.method}: ${String(msg.error)}: ${String(msg.message)}`));
        else p.resolve((msg.result ?? {}) as Json);
      } else if (msg.type === 'event') {
        for (const l of this.listeners) l({ method: String(msg.method), params: msg.params as Json });
      }
    });
    await this.send('session.new', { capabilities: {} });
    const tree = await this.send('browsingContext.getTree', {});
    this.context = String((tree.contexts as Json[])[0].context);
  }

  send(method: string, params: Json): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(listener: (e: BidiEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Evaluates an expression (awaiting a promise) in the page and returns its value as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (r.type === 'exception') throw new Error(`in the page: ${JSON.stringify((r.exceptionDetails as Json)?.text ?? r.exceptionDetails)}`);
    const value = (r.result as { value?: string }).value;
    return (value === undefined ? undefined : JSON.parse(value)) as T;
  }

  /** Polls a page expression until it is truthy (or fails after `timeout` ms, naming what it waited for). */
  async waitFor(expression: string, timeout = 30000): Promise<void> {
    const start = Date.now();
    while (Date.now() - start < timeout) {
      if (await this.evaluate<boolean>(`Boolean(${expression})`)) return;
      await new Promise((ok) => setTimeout(ok, 150));
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
  }

  async close(): Promise<void> {
    try {
      if (this.ws?.readyState === WebSocket.OPEN) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.send('browser.close', {}), new Promise((ok) => (timer = setTimeout(ok, 5000)))]);
        clearTimeout(timer);
      }
    } catch {
      // the browser may already be gone
    }
    this.ws?.close();
    if (this.proc && this.proc.exitCode === null) {
      await new Promise<void>((ok) => {
        const timer = setTimeout(() => {
          this.proc.kill('SIGKILL');
          ok();
        }, 5000);
        this.proc.once('exit', () => {
          clearTimeout(timer);
          ok();
        });
      });
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}
