/** Types of scripts/deploy.cjs (plain CommonJS so that webpack.config.js can require it). */
export declare const DEV_URL: string;
export declare const OFFICE_CDN: string;
export declare const OFFICE_CDN_ORIGIN: string;
export declare const OFFICE_LOCAL_DIR: string;
export declare function addinUrl(env?: { url?: unknown }, environment?: Record<string, string | undefined>): string;
export declare function isLocalUrl(base: string): boolean;
export declare function rewriteManifest(xml: string, base: string): string;
export declare function manifestVersion(pkgVersion: string): string;
export declare function setManifestVersion(xml: string, version: string): string;
export declare function taskpaneCsp(options?: { cdn?: boolean }): string;
export declare function webCsp(): string;
export declare function officeJsFile(rel: string): boolean;
