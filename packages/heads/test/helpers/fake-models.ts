// Models that return fixed logits computed from their input ids, to test the pipelines without a
// backend. Each records the shapes it was called with.
import type { ConvBertConfig } from '@convbert/config';
import type { BaseModelOutput, LogitsOutput, ModelInputs, QuestionAnsweringOutput } from '../../src/models/types.js';

/** Rows of `[rows, seq]` ids (the last axis is the sequence; earlier axes are flattened). */
function rowsOf(inputs: ModelInputs): { rows: number[][]; seq: number } {
  const dims = inputs.inputIds.dims;
  const seq = dims[dims.length - 1];
  const ids = Array.from(inputs.inputIds.data, Number);
  const rows: number[][] = [];
  for (let i = 0; i < ids.length; i += seq) rows.push(ids.slice(i, i + seq));
  return { rows, seq };
}

abstract class Recording {
  readonly calls: number[][] = [];
  constructor(readonly config: ConvBertConfig) {}
  protected record(inputs: ModelInputs) {
    this.calls.push([...inputs.inputIds.dims]);
    return rowsOf(inputs);
  }
}

/** Sequence-level logits: `perRow(ids of the row, padded length)`. */
export class FakeSequenceModel extends Recording {
  constructor(
    config: ConvBertConfig,
    private readonly perRow: (ids: number[], seq: number) => number[],
  ) {
    super(config);
  }
  async forward(inputs: ModelInputs): Promise<LogitsOutput> {
    const { rows, seq } = this.record(inputs);
    const out = rows.flatMap((r) => this.perRow(r, seq));
    return { logits: { data: Float32Array.from(out), dims: [rows.length, out.length / rows.length] } };
  }
}

/** Multiple choice: `[batch, choices, seq]` in, `[batch, choices]` out, one logit per row. */
export class FakeChoiceModel extends Recording {
  constructor(
    config: ConvBertConfig,
    private readonly perRow: (ids: number[], seq: number) => number,
  ) {
    super(config);
  }
  async forward(inputs: ModelInputs): Promise<LogitsOutput> {
    const { rows, seq } = this.record(inputs);
    const [b, c] = inputs.inputIds.dims;
    return { logits: { data: Float32Array.from(rows.map((r) => this.perRow(r, seq))), dims: [b, c] } };
  }
}

/** Token-level outputs: `perToken(id, position, row ids, padded length)` gives the values of one position. */
export class FakeTokenModel extends Recording {
  constructor(
    config: ConvBertConfig,
    private readonly perToken: (id: number, pos: number, ids: number[], seq: number) => number[],
  ) {
    super(config);
  }
  private values(inputs: ModelInputs) {
    const { rows, seq } = this.record(inputs);
    const vals = rows.flatMap((r) => r.flatMap((id, pos) => this.perToken(id, pos, r, seq)));
    return { data: Float32Array.from(vals), width: vals.length / (rows.length * seq), dims: inputs.inputIds.dims };
  }
  async forward(inputs: ModelInputs): Promise<LogitsOutput> {
    const v = this.values(inputs);
    return { logits: { data: v.data, dims: [...v.dims, v.width] } };
  }
}

export class FakeBaseModel extends FakeTokenModel {
  override async forward(inputs: ModelInputs): Promise<LogitsOutput & BaseModelOutput> {
    const out = await super.forward(inputs);
    return { ...out, lastHiddenState: out.logits };
  }
}

/** QA: `perToken` gives [start, end] logits of a position. */
export class FakeQaModel extends FakeTokenModel {
  async forwardQa(inputs: ModelInputs): Promise<QuestionAnsweringOutput> {
    const { logits } = await super.forward(inputs);
    const n = logits.data.length / 2;
    const start = new Float32Array(n);
    const end = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      start[i] = logits.data[2 * i];
      end[i] = logits.data[2 * i + 1];
    }
    return { startLogits: { data: start, dims: inputs.inputIds.dims }, endLogits: { data: end, dims: inputs.inputIds.dims } };
  }
}

/** Adapts FakeQaModel to the QuestionAnsweringLike interface. */
export function qaModel(model: FakeQaModel) {
  return { config: model.config, calls: model.calls, forward: (inputs: ModelInputs) => model.forwardQa(inputs) };
}
