// TextEncoder/TextDecoder exist in every runtime we target (Node, browsers, workers) but are not
// in the ES lib, and this package compiles without DOM or Node types on purpose.
interface Utf8Globals {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(b: Uint8Array): string };
}
const globals = globalThis as unknown as Utf8Globals;

/** A string as UTF-8 bytes. */
export function utf8Encode(s: string): Uint8Array {
  return new globals.TextEncoder().encode(s);
}

/** Decodes UTF-8; `fatal` rejects malformed bytes instead of replacing them. */
export function utf8Decode(b: Uint8Array, fatal = false): string {
  return new globals.TextDecoder('utf-8', { fatal }).decode(b);
}
