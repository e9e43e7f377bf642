// What both bench pages share: the token ids of a batch (as the node bench makes them) and outputs as base64.

/** B sequences of L tokens ([CLS] … [SEP], ordinary word pieces), all real tokens. */
export function batchOf(B, L) {
  const ids = new BigInt64Array(B * L);
  let s = 1;
  for (let b = 0; b < B; b++)
    for (let l = 0; l < L; l++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      ids[b * L + l] = l === 0 ? 101n : l === L - 1 ? 102n : BigInt(1996 + (s % 20000));
    }
  return { ids, mask: new BigInt64Array(B * L).fill(1n), types: new BigInt64Array(B * L), dims: [B, L] };
}

/** A float32 array as base64 (page.evaluate returns JSON: this keeps big outputs small and exact). */
export function base64(f32) {
  const u8 = new Uint8Array(f32.buffer, f32.byteOffset, f32.byteLength);
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return btoa(s);
}

/** One timed call of `call(batch)`; the output only when asked. */
export async function timed(call, B, L, withOutput) {
  const batch = batchOf(B, L);
  const t0 = performance.now();
  const out = await call(batch);
  const ms = performance.now() - t0;
  return { ms, output: withOutput ? base64(out) : undefined };
}
