/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Two builds from one file:
 *  - the add-in (default): taskpane.html + commands.html over Office.js, into dist/; served over https on
 *    port 3000 by `webpack serve` with office-addin-dev-certs (the manifest points there).
 *  - the browser preview (`--env preview`): preview.html with the same task pane over the headless host,
 *    into dist/preview/; served over plain http on port 3001. Never loads Office.js.
 * ExcelJS and the host are only reachable from the preview entry, so they never enter the add-in's bundle.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2019',
  },
};

module.exports = async (env = {}, argv = {}) => {
  const preview = Boolean(env.preview);
  const serving = Boolean(env.WEBPACK_SERVE);
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const outDir = env.outDir ? path.resolve(env.outDir) : path.resolve(__dirname, preview ? 'dist/preview' : 'dist');

  const common = {
    mode,
    devtool: dev ? 'eval-cheap-module-source-map' : 'source-map',
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

  if (preview) {
    return {
      ...common,
      entry: { preview: './src/preview/index.tsx' },
      plugins: [
        new HtmlWebpackPlugin({ filename: 'preview.html', template: './src/preview/preview.html', chunks: ['preview'] }),
        new HtmlWebpackPlugin({ filename: 'index.html', template: './src/preview/preview.html', chunks: ['preview'] }),
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

  return {
    ...common,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/taskpane/commands.ts',
    },
    optimization: {
      // Default groups, no forced names: a forced single vendor chunk would also swallow lazily loaded modules.
      splitChunks: { chunks: 'all' },
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/taskpane/commands.html', chunks: ['commands'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
    },
  };
};
