import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/graph.js';
import { CoreError } from '../../src/index.js';

const { onnx } = onnxProto;

describe('GraphBuilder', () => {
  it('writes a ModelProto that decodes back: opset, I/O with symbolic dims, typed attributes, raw initializers', () => {
    const g = new GraphBuilder({ opset: 17 });
    const x = g.input('x', 'float32', ['batch_size', 4]);
    const w = g.initializer('w', { dtype: 'float32', dims: [4, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) });
    const y = g.op('MatMul', [x, w]);
    const z = g.op('LayerNormalization', [y, g.float([1, 1], [2]), g.float([0, 0], [2])], { axis: -1, epsilon: { float: 1 } });
    g.output('y', g.op('Softmax', [z], { axis: -1 }), 'float32', ['batch_size', 2]);
    const m = onnx.ModelProto.decode(g.toBytes());
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    const graph = m.graph as InstanceType<typeof onnx.GraphProto>;
    expect(graph.input[0]?.name).toBe('x');
    expect(graph.input[0]?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch_size', 4]);
    expect(graph.output[0]?.name).toBe('y');
    const init = graph.initializer.find((t) => t.name === 'w');
    expect(new Float32Array(Uint8Array.from(init?.rawData ?? []).buffer)).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    const ln = graph.node.find((n) => n.opType === 'LayerNormalization');
    const attrs = Object.fromEntries((ln?.attribute ?? []).map((a) => [a.name, a]));
    expect(attrs.axis?.type).toBe(onnx.AttributeProto.AttributeType.INT);
    expect(Number(attrs.axis?.i)).toBe(-1);
    expect(attrs.epsilon?.type).toBe(onnx.AttributeProto.AttributeType.FLOAT);
    expect(attrs.epsilon?.f).toBe(1);
  });

  it('shares small constants and refuses dangling or duplicate names', () => {
    const g = new GraphBuilder();
    expect(g.int64([1, 2])).toBe(g.int64([1, 2]));
    expect(g.int64([1, 2])).not.toBe(g.int64([1, 2], [2, 1]));
    g.input('a', 'int64', [1]);
    expect(() => g.input('a', 'int64', [1])).toThrow(CoreError);
    expect(() => g.op('Relu', ['nope'])).toThrow(/no node, input or initializer defines/);
    expect(() => g.initializer('bad', { dtype: 'float32', dims: [3], data: new Float32Array(2) })).toThrow(/2 values/);
    // a taken initializer name is made unique rather than clobbered
    const first = g.initializer('w', { dtype: 'float32', dims: [1], data: new Float32Array(1) });
    const second = g.initializer('w', { dtype: 'float32', dims: [1], data: new Float32Array(1) });
    expect(first).toBe('w');
    expect(second).not.toBe('w');
  });
});
