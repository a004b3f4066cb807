/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Three builds from one file:
 *  - the add-in (default): taskpane.html + commands.html over Office.js, into dist/; served over https on
 *    port 3000 by `webpack serve` with office-addin-dev-certs (the dev manifest points there). For hosting it
 *    anywhere, `--env url=https://host/path/` (or KAOPING_URL) rewrites every URL of dist/manifest.xml to that
 *    address, and a production build then fails when the built manifest does not pass the offline check
 *    (scripts/manifestCheck.ts: a leftover localhost URL, a missing file, …). dist/office-js/ holds the copy of
 *    Office.js the task pane falls back to when Microsoft's CDN cannot be reached (scripts/deploy.cjs).
 *  - the web page (`--env web`): index.html with the same task pane beside a workbook grid, over the headless
 *    host, into dist/web/; runs from any static host or a double-clicked index.html, with no network request
 *    (its CSP allows nothing but itself). Never loads Office.js.
 *  - the browser preview (`--env preview`): the same page for development, into dist/preview/ (preview.html and
 *    index.html); `npm run preview` serves it over plain http on port 3001.
 * ExcelJS and the host are only reachable from the web entry, so they never enter the add-in's bundle.
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const deploy = require('./scripts/deploy.cjs');
const pkg = require('./package.json');

/** After emit: the offline manifest check on the built dist/ (production builds fail on a problem). */
class ManifestCheckPlugin {
  constructor(outDir, production) {
    this.outDir = outDir;
    this.production = production;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('ManifestCheckPlugin', (compilation) => {
      const args = [path.join(__dirname, 'scripts', 'run-ts.mjs'), 'scripts/manifestCheck.ts', '--built', this.outDir];
      if (this.production) args.push('--production');
      const r = spawnSync(process.execPath, args, { cwd: __dirname, encoding: 'utf8' });
      if (r.status !== 0) {
        const { WebpackError } = compiler.webpack;
        compilation.errors.push(new WebpackError(`Built manifest check failed:\n${(r.stderr || r.stdout || '').trim()}`));
      }
    });
  }
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2019',
  },
};

module.exports = async (env = {}, argv = {}) => {
  const web = Boolean(env.web);
  const preview = Boolean(env.preview);
  const serving = Boolean(env.WEBPACK_SERVE);
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const defaultOut = web ? 'dist/web' : preview ? 'dist/preview' : 'dist';
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, defaultOut);

  const common = {
    mode,
    // Never an eval-based source map: the pages' Content-Security-Policy forbids eval, in development too.
    devtool: dev ? 'cheap-module-source-map' : 'source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js', '.mjs'] },
    module: {
      rules: [
        { test: /\.[cm]?tsx?$/, exclude: /node_modules/, use: { loader: 'swc-loader', options: swcOptions } },
        { test: /\.(png|jpe?g|gif|svg|ico)$/, type: 'asset/resource' },
      ],
    },
    output: {
      path: outDir,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].chunk.js' : '[name].[contenthash:8].chunk.js',
      clean: true,
      publicPath: 'auto',
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };

  if (web || preview) {
    // The web page carries its CSP (itself only); the dev preview does not, so tests can inject axe-core into it.
    const name = web ? 'kaoping' : 'preview';
    const page = (filename) =>
      new HtmlWebpackPlugin({ filename, template: './src/preview/preview.html', chunks: [name], csp: web ? deploy.webCsp() : '' });
    return {
      ...common,
      entry: { [name]: './src/preview/index.tsx' },
      // The web page ships without source maps (7 MB nobody at a branch needs); the dev preview keeps them.
      devtool: web && !dev ? false : common.devtool,
      plugins: [
        // One script file for the page: nothing is loaded later, so a copied or double-clicked page is whole.
        new (require('webpack').optimize.LimitChunkCountPlugin)({ maxChunks: 1 }),
        ...(web ? [page('index.html')] : [page('preview.html'), page('index.html')]),
      ],
      devServer: {
        port: 3001,
        host: '127.0.0.1',
        server: 'http',
        open: false,
        static: false,
        historyApiFallback: { index: '/preview.html' },
      },
    };
  }

  let server = 'http';
  if (serving) {
    // Only the dev server needs the localhost certificate; building on Linux CI must not touch it.
    const devCerts = require('office-addin-dev-certs');
    server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }

  const base = deploy.addinUrl(env);
  // A build for hosting: an address was given. Its manifest must then have no localhost URL left anywhere.
  const production = Boolean(env.url || process.env.KAOPING_URL);
  if (production && deploy.isLocalUrl(base)) {
    throw new Error(`--env url / KAOPING_URL points at this machine (${base}): give the address the add-in will be hosted at.`);
  }
  if (!production && !dev && !serving && !env.outDir) {
    console.warn(`dist/manifest.xml points at ${deploy.DEV_URL} (development). To host the add-in: npm run build -- --env url=https://…/ (docs/DEPLOY.md)`);
  }
  // --env office=local: never ask Microsoft's CDN (an intranet that blocks it slowly); default: CDN, then the copy.
  const officeLocal = env.office === 'local' || process.env.KAOPING_OFFICE === 'local';
  const officeCdn = officeLocal ? '' : deploy.OFFICE_CDN;
  const csp = deploy.taskpaneCsp({ cdn: !officeLocal });
  const officeJs = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));

  return {
    ...common,
    // dist/web/ and dist/preview/ are other builds' output: cleaning dist/ for the add-in keeps them.
    output: { ...common.output, clean: { keep: (asset) => /^(web|preview)[\\/]/.test(asset) } },
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/taskpane/functionFile.ts',
    },
    optimization: {
      // Default groups, no forced names: a forced single vendor chunk would also swallow lazily loaded modules.
      splitChunks: { chunks: 'all' },
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], csp, officeCdn }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/taskpane/commands.html', chunks: ['commands'], csp, officeCdn }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            // The dev manifest points at https://localhost:3000/; the built one at the address given.
            transform: (content) =>
              deploy.rewriteManifest(
                deploy.setManifestVersion(content.toString('utf8'), deploy.manifestVersion(pkg.version)),
                base,
              ),
          },
          {
            from: '**/*',
            context: officeJs,
            to: deploy.OFFICE_LOCAL_DIR,
            filter: (file) => deploy.officeJsFile(path.relative(officeJs, file)),
            info: { minimized: true },
          },
        ],
      }),
      // Not while serving: the dev server keeps files in memory, and its manifest points at localhost anyway.
      ...(serving ? [] : [new ManifestCheckPlugin(outDir, production)]),
    ],
    devServer: {
      port: 3000,
      server,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
    },
  };
};
