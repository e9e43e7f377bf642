// Scores of ConvBertForMultipleChoice's logits: a softmax over the choices of one prompt.
import { softmax } from '../tensor.js';

/** One choice with its probability. */
export interface MultipleChoiceScore {
  /** Position of the choice in the list given. */
  index: number;
  choice: string;
  /** Probability of this choice among the choices (softmax over the `[num_choices]` logits). */
  score: number;
  logit: number;
}

/** One score per choice, best first (a stable sort: equal scores keep the order given). */
export function multipleChoicePostprocess(logits: ArrayLike<number>, choices: readonly string[]): MultipleChoiceScore[] {
  const probs = softmax(logits);
  return choices.map((choice, index) => ({ index, choice, score: probs[index], logit: logits[index] })).sort((a, b) => b.score - a.score);
}
