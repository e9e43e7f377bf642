// What the `ConvBertForX` classes share: a model session (core's `ConvBertPreTrainedModel`) whose
// graph, built from a checkpoint, is the encoder with the class's head on top.
import type { ConvBertConfig } from '@convbert/config';
import {
  ConvBertPreTrainedModel,
  type ForwardInputs,
  type GraphRecipe,
  inputLimits,
  type ModelInfo,
  prepareEncoderFeeds,
} from '@convbert/core';
import { buildHeadGraph, type HeadKind } from './head-graphs.js';

/** `ModelInfo` of a head model, with the head it carries. */
export interface HeadModelInfo extends ModelInfo {
  head: HeadKind;
}

/** The graph of a task head, keyed in the graph cache by the head and the dtype. */
export function headGraph(head: HeadKind): GraphRecipe {
  return {
    key: (dtype) => JSON.stringify({ graph: head, dtype }),
    build: (config, weights, dtype) => buildHeadGraph(head, config, weights, { dtype }),
  };
}

/** The common part of the `ConvBertForX` classes: config.json required (sizes, labels), the head's graph. */
export abstract class ConvBertHeadModel extends ConvBertPreTrainedModel {
  /** The head the class runs. */
  declare static readonly head: HeadKind;
  static readonly needsConfig = true;
  declare readonly config: ConvBertConfig;

  /** The graph built from a checkpoint: the encoder with the class's head. */
  static get graph(): GraphRecipe {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the head class asked (each names its own head)
    return headGraph(this.head);
  }

  override get info(): HeadModelInfo {
    return { head: (this.constructor as typeof ConvBertHeadModel).head, ...this.session.info };
  }

  /** Checked int64 feeds `[batch, seq]` of the encoder inputs. */
  protected feeds(inputs: ForwardInputs) {
    return prepareEncoderFeeds(inputs, inputLimits(this.config)).feeds;
  }
}
