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
