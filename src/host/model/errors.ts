/** OfficeExtension.Error-shaped error raised by the headless host at sync(). */
export class HostError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string; statement?: string };
  traceMessages: string[] = [];

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidReference: 'InvalidReference',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  mergedRangeConflict: 'MergedRangeConflict',
  propertyNotLoaded: 'PropertyNotLoaded',
  invalidObjectPath: 'InvalidObjectPath',
} as const;

export function fail(code: string, message: string): never {
  throw new HostError(code, message);
}
