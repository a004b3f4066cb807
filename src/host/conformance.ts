export const conformanceTests: { name: string; run: (context: Excel.RequestContext) => Promise<void> }[] = [];
