// Test-only: a child-process probe that reads a weights file with the built readers and touches
// every tensor, for the hostile-input tests and the fuzzers (see @convbert/test-fixtures/isolated).
import { distImport } from '@convbert/test-fixtures/isolated';

const dist = (file: string) => new URL(`../../dist/weights/${file}`, import.meta.url);

export type WeightsFormat = 'pytorch' | 'safetensors' | 'h5';

/**
 * `probe({ format, bytes })` reads the file and returns how many tensors and elements it holds, and
 * the bytes of its distinct tensors (views shared by several names counted once).
 * `probe({ base })` keeps a file in the child; then `probe({ format, edits })` reads that file with
 * `edits` ({ at, size, value } little-endian fields) applied, so a fuzzer sends only its mutations.
 */
export const WEIGHTS_PROBE = `
${distImport(['readPytorchBin'], dist('pytorch.js'))}
${distImport(['readSafetensors'], dist('safetensors.js'))}
${distImport(['readTfH5'], dist('tf-h5.js'))}
const readers = { pytorch: readPytorchBin, safetensors: readSafetensors, h5: readTfH5 };
let base;
function edited(edits) {
  const out = base.slice();
  const v = new DataView(out.buffer);
  for (const { at, size, value } of edits) for (let i = 0; i < size; i++) v.setUint8(at + i, Number((value >> BigInt(8 * i)) & 0xffn));
  return out;
}
async function probe({ format, bytes, base: b, edits }) {
  if (b !== undefined) {
    base = b;
    return null;
  }
  const sd = readers[format](edits === undefined ? bytes : edited(edits));
  let elements = 0;
  let held = 0;
  const seen = new Set();
  for (const k of sd.keys()) {
    const data = sd.get(k).data;
    elements += data.length;
    if (!seen.has(data)) held += data.byteLength;
    seen.add(data);
  }
  return { tensors: sd.keys().length, elements, bytes: held };
}
`;

/** Generous for a few-MB file; an attack that allocates by a lying header goes far past them. */
export const WEIGHTS_LIMITS = { timeoutMs: 30_000, heapMb: 256, rssMb: 320 };
