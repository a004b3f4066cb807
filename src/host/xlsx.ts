export async function loadXlsx(_d: Uint8Array | ArrayBuffer): Promise<never> { throw new Error("todo"); }
export async function saveXlsx(_w: unknown): Promise<Uint8Array> { throw new Error("todo"); }
