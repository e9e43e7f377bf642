// The builder encodes with pbf code generated from proto/onnx-subset.proto. This checks that
// subset against the whole ONNX schema as compiled by `onnx-proto` (a devDependency kept for this
// test only): the same ModelProto must give the same bytes, and those bytes must decode under the
// full schema with nothing unknown in them. A wrong field number or wire type fails here.

import { readFileSync } from 'node:fs';
import { parseConfig } from '@convbert/config';
import { checkpointDir } from '@convbert/test-fixtures';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { addConvBertEncoder, GraphBuilder } from '../../src/graph.js';
import { type DType, readSafetensors } from '../../src/index.js';

const { onnx } = onnxProto;

/** The ModelProto the builder encodes (a private method, reached here on purpose). */
function modelProto(g: GraphBuilder): object {
  return (g as unknown as { toModelProto(): object }).toModelProto();
}

function expectSameAsFullSchema(g: GraphBuilder): Uint8Array {
  const bytes = g.toBytes();
  const reference = onnx.ModelProto.encode(modelProto(g) as Parameters<typeof onnx.ModelProto.encode>[0]).finish();
  expect(bytes.byteLength).toBe(reference.byteLength);
  expect(Buffer.from(bytes).equals(Buffer.from(reference))).toBe(true);
  // Decoding with the full schema and encoding again changes nothing: no stray or unknown fields.
  const roundTrip = onnx.ModelProto.encode(onnx.ModelProto.decode(bytes)).finish();
  expect(Buffer.from(roundTrip).equals(Buffer.from(bytes))).toBe(true);
  return bytes;
}

describe('generated ONNX encoder matches the full ONNX schema (onnx-proto) byte for byte', () => {
  it('every attribute kind, element type, symbolic and fixed dims, extra opset domains', () => {
    const g = new GraphBuilder({ opset: 13, graphName: 'all-kinds', producerName: 'parity' });
    g.useOpset('com.microsoft', 1);
    const x = g.input('x', 'float32', ['batch_size', 'sequence_length', 4]);
    const ids = g.input('ids', 'int64', ['batch_size', 7]);
    g.input('mask', 'bool', [1, 0, 2 ** 40]);
    const inits = {
      f32: { dtype: 'float32', dims: [2, 2], data: Float32Array.from([1.5, -2, 3e-9, Number.NaN]) },
      f16: { dtype: 'float16', dims: [3], data: Uint16Array.from([0x3c00, 0xc000, 0x7bff]) },
      i8: { dtype: 'int8', dims: [2], data: Int8Array.from([-128, 127]) },
      u8: { dtype: 'uint8', dims: [2], data: Uint8Array.from([0, 255]) },
      i32: { dtype: 'int32', dims: [1, 1], data: Int32Array.from([-(2 ** 31)]) },
      i64: { dtype: 'int64', dims: [2], data: BigInt64Array.from([-1n, 2n ** 62n]) },
      b: { dtype: 'bool', dims: [], data: Uint8Array.from([1]) },
      empty: { dtype: 'float32', dims: [0, 3], data: new Float32Array(0) },
    } as const;
    for (const [name, value] of Object.entries(inits)) g.initializer(name, value);
    // A sub-array view: the builder must write only the view's bytes.
    const backing = Float32Array.from([9, 1, 2, 9]);
    g.initializer('view', { dtype: 'float32', dims: [2], data: backing.subarray(1, 3) });
    const y = g.op('Gemm', [x, 'f32'], { alpha: 0.25, beta: { float: 1 }, transB: 1, transA: 0 });
    const z = g.op('Reshape', [y, g.int64([-1, 0, 2 ** 53 - 1])], { allowzero: 0 });
    g.node('Split', [z], { attrs: { axis: -1, split: [1, 1] }, outputs: 2, name: 'named_split' });
    g.op('Pad', [z, g.int64([0, 0, 0, 1]), ''], { mode: 'constant' });
    g.op('Resize', [z], { scales: [0.5, 2], roi: [1, 2.5], coordinate_transformation_mode: 'ünï ✓' });
    g.op('Constant', [], { value: { dtype: 'int64', dims: [1], data: BigInt64Array.from([42n]) } });
    g.node('FusedGemm', [x, 'f32'], { domain: 'com.microsoft', attrs: { activation: 'Relu' } });
    g.node('Custom', [ids], { domain: 'ai.example', attrs: { empty_ints: [], negatives: [-3, -(2 ** 40)] } });
    g.output('z', z, 'float32', ['batch_size', 'sequence_length', 2]);
    g.output('x_copy', x, 'float32', ['batch_size', 'sequence_length', 4]);
    const bytes = expectSameAsFullSchema(g);

    // And the decoded model says what was built.
    const m = onnx.ModelProto.decode(bytes);
    expect(Number(m.irVersion)).toBe(8);
    expect(m.producerName).toBe('parity');
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([
      ['', 13],
      ['com.microsoft', 1],
      ['ai.example', 1],
    ]);
    const graph = m.graph as InstanceType<typeof onnx.GraphProto>;
    expect(graph.name).toBe('all-kinds');
    expect(graph.input.map((i) => i.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)))).toEqual([
      ['batch_size', 'sequence_length', 4],
      ['batch_size', 7],
      [1, 0, 2 ** 40],
    ]);
    const view = graph.initializer.find((t) => t.name === 'view');
    expect(new Float32Array(Uint8Array.from(view?.rawData ?? []).buffer)).toEqual(Float32Array.from([1, 2]));
    const resize = graph.node.find((n) => n.opType === 'Resize');
    const mode = resize?.attribute?.find((a) => a.name === 'coordinate_transformation_mode');
    expect(new TextDecoder().decode(mode?.s)).toBe('ünï ✓');
    const custom = graph.node.find((n) => n.opType === 'Custom');
    expect(custom?.domain).toBe('ai.example');
    expect(custom?.attribute?.find((a) => a.name === 'negatives')?.ints?.map(Number)).toEqual([-3, -(2 ** 40)]);
  });

  it('an empty graph', () => {
    expectSameAsFullSchema(new GraphBuilder());
  });

  it.each([
    ['tiny', 'base', 'fp32'],
    ['tiny', 'masked-lm', 'fp16'],
    ['tiny-grouped', 'base', 'fp32'],
  ] as const)('the whole %s %s encoder graph (%s)', (configName, head, dtype) => {
    const dir = checkpointDir(configName, head);
    const config = parseConfig(readFileSync(`${dir}/config.json`, 'utf8'));
    const weights = readSafetensors(new Uint8Array(readFileSync(`${dir}/model.safetensors`)));
    const g = new GraphBuilder({ graphName: 'ConvBertModel' });
    const enc = addConvBertEncoder(g, config, weights, { dtype: dtype as DType });
    g.output('last_hidden_state', enc.lastHiddenState, 'float32', ['batch_size', 'sequence_length', config.hidden_size]);
    expect(expectSameAsFullSchema(g).byteLength).toBeGreaterThan(10_000);
  });

  it('external data: location, offset and length entries, data_location EXTERNAL, no raw_data', () => {
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', [2]);
    const w = g.externalInitializer('w', { dtype: 'float32', dims: [2], location: 'model.safetensors', offset: 2 ** 33 + 8, length: 8 });
    g.output('y', g.op('Add', [x, w]), 'float32', [2]);
    const t = onnx.ModelProto.decode(expectSameAsFullSchema(g)).graph?.initializer?.[0];
    expect(t?.dataLocation).toBe(onnx.TensorProto.DataLocation.EXTERNAL);
    expect(t?.externalData?.map((e) => [e.key, e.value])).toEqual([
      ['location', 'model.safetensors'],
      ['offset', String(2 ** 33 + 8)],
      ['length', '8'],
    ]);
    expect(t?.rawData?.length ?? 0).toBe(0);
    expect(() => g.externalInitializer('v', { dtype: 'float32', dims: [3], location: 'm', offset: 0, length: 8 })).toThrow(/not 12/);
  });
});
