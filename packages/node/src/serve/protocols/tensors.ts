import type { Tensor } from '@convbert/core';

/** Row-major data -> nested arrays of `dims` (a scalar for no dims). */
export function nestTensor(t: { data: ArrayLike<number>; dims: readonly number[] }): unknown {
  const { data, dims } = t;
  if (dims.length === 0) return data[0];
  const build = (offset: number, d: number): unknown => {
    const size = dims[d];
    if (d === dims.length - 1) return Array.from({ length: size }, (_, i) => data[offset + i]);
    const stride = dims.slice(d + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: size }, (_, i) => build(offset + i * stride, d + 1));
  };
  return build(0, 0);
}

/** Some rows of a tensor request: what one model call of `/v2/.../infer` runs. */
export interface InferSlice {
  feeds: Record<string, Tensor>;
  outputs: string[] | undefined;
  rows: number;
}

type Rows = Tensor & { data: { length: number; slice(start: number, end: number): Tensor['data'] } };

/** The feeds in slices of `rowsPerSlice` rows (the first dimension), copied so a worker gets only its own. */
export function sliceRows(feeds: Record<string, Tensor>, rowsPerSlice: number, outputs: string[] | undefined): InferSlice[] {
  const rows = feeds.input_ids.dims[0];
  const slices: InferSlice[] = [];
  for (let start = 0; start < rows; start += rowsPerSlice) {
    const end = Math.min(rows, start + rowsPerSlice);
    const part: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      const row = t.data.length / t.dims[0];
      part[name] = { data: (t as Rows).data.slice(start * row, end * row), dims: [end - start, ...t.dims.slice(1)] };
    }
    slices.push({ feeds: part, outputs, rows: end - start });
  }
  return slices;
}

/** The outputs of consecutive slices, joined along the first dimension. */
export function concatRows(parts: Record<string, Tensor>[]): Record<string, Tensor> {
  if (parts.length === 1) return parts[0];
  const out: Record<string, Tensor> = {};
  for (const name of Object.keys(parts[0])) {
    const pieces = parts.map((p) => p[name]);
    const first = pieces[0].data as Float32Array;
    const data = new (first.constructor as Float32ArrayConstructor)(pieces.reduce((n, t) => n + t.data.length, 0));
    let at = 0;
    for (const t of pieces) {
      data.set(t.data as Float32Array, at);
      at += t.data.length;
    }
    out[name] = { data, dims: [pieces.reduce((n, t) => n + t.dims[0], 0), ...pieces[0].dims.slice(1)] };
  }
  return out;
}
