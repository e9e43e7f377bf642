"""The scores the model cards report, with the definitions of the standard tools:
SQuAD v1.1's official evaluation (EM / F1, max over gold answers) and seqeval's entity-level
precision / recall / F1 (conlleval's chunking: an entity counts only with its exact span and type)."""
import collections
import re
import string


def normalize_answer(s):
    s = s.lower()
    s = ''.join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r'\b(a|an|the)\b', ' ', s)
    return ' '.join(s.split())


def squad_f1(prediction, truth):
    p, t = normalize_answer(prediction).split(), normalize_answer(truth).split()
    common = collections.Counter(p) & collections.Counter(t)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(t)
    return 2 * precision * recall / (precision + recall)


def squad_scores(predictions, dataset):
    """predictions: {question id: answer text}; dataset: the SQuAD JSON's `data`."""
    em = f1 = total = 0
    for article in dataset:
        for p in article['paragraphs']:
            for q in p['qas']:
                total += 1
                golds = [a['text'] for a in q['answers']]
                pred = predictions.get(q['id'], '')
                em += max(float(normalize_answer(pred) == normalize_answer(g)) for g in golds)
                f1 += max(squad_f1(pred, g) for g in golds)
    return {'exact_match': 100 * em / total, 'f1': 100 * f1 / total, 'questions': total}


def _end_of_chunk(prev_tag, tag, prev_type, type_):
    return (prev_tag in ('B', 'I') and tag in ('B', 'O')) or (prev_tag in ('B', 'I') and prev_type != type_)


def _start_of_chunk(prev_tag, tag, prev_type, type_):
    return tag == 'B' or (prev_tag == 'O' and tag == 'I') or (tag == 'I' and prev_type != type_)


def entities(tags):
    """(type, start, end) spans of a tag sequence, as seqeval's default (conlleval) mode reads them."""
    out, prev_tag, prev_type, begin = [], 'O', '', 0
    for i, label in enumerate(list(tags) + ['O']):
        tag, type_ = (label, '') if label == 'O' else label.split('-', 1)
        if _end_of_chunk(prev_tag, tag, prev_type, type_):
            out.append((prev_type, begin, i - 1))
        if _start_of_chunk(prev_tag, tag, prev_type, type_):
            begin = i
        prev_tag, prev_type = tag, type_
    return out


def entity_scores(gold_sequences, predicted_sequences):
    gold = {(n, *e) for n, tags in enumerate(gold_sequences) for e in entities(tags)}
    pred = {(n, *e) for n, tags in enumerate(predicted_sequences) for e in entities(tags)}
    tp = len(gold & pred)
    precision = tp / len(pred) if pred else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    per_type = {}
    for t in sorted({e[1] for e in gold}):
        g = {e for e in gold if e[1] == t}
        p = {e for e in pred if e[1] == t}
        hit = len(g & p)
        pr, rc = (hit / len(p) if p else 0.0), (hit / len(g) if g else 0.0)
        per_type[t] = {'precision': pr, 'recall': rc, 'f1': 2 * pr * rc / (pr + rc) if hit else 0.0, 'support': len(g)}
    return {'precision': 100 * precision, 'recall': 100 * recall, 'f1': 100 * f1, 'entities': len(gold), 'per_type': per_type}
