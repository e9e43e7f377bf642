"""The inputs of each shipped model's reference outputs: a deterministic sample of its dev data, the
examples of the README and the CLI, and inputs that catch offset bugs (emoji, accents, CJK, a context
longer than one 384-token window)."""
import csv
import json

from common import DATA
from finetune_ner import read_conll
from prepare_corpus import detokenize

HANDWRITTEN_QA = [
    ('Who wrote Hamlet?', 'Hamlet is a tragedy written by William Shakespeare around 1600.'),
    ('Where do I live?', 'My name is Wolfgang and I live in Berlin.'),
    ('Where do I live?', '😀😀 My name is Wolfgang and I live in Berlin.'),
    ('Where did Zoë study?', 'Zoë Müller studied physics in Zürich before moving to 東京 in 2015.'),
    ('When was the tower finished?', 'The Eiffel Tower was built for the 1889 World\'s Fair and finished in March 1889.'),
]


def qa_cases():
    articles = json.load(open(DATA / 'squad' / 'dev-v1.1.json'))['data']
    flat = [(a, p, q) for a in articles for p in a['paragraphs'] for q in p['qas']]
    cases = [{'id': q['id'], 'question': q['question'], 'context': p['context'], 'answers': [x['text'] for x in q['answers']]}
             for a, p, q in flat[::440]]
    cases += [{'id': f'handwritten-{i}', 'question': q, 'context': c, 'answers': []} for i, (q, c) in enumerate(HANDWRITTEN_QA)]
    # A context that needs several windows: one article's first paragraphs joined, asked about its last one.
    a = articles[3]
    long_context = ' '.join(p['context'] for p in a['paragraphs'][:6])
    q = a['paragraphs'][5]['qas'][0]
    cases.append({'id': q['id'] + '-long', 'question': q['question'], 'context': long_context,
                  'answers': [x['text'] for x in q['answers']]})
    return cases


def ner_cases():
    sentences = [s for s in read_conll(DATA / 'conll2003' / 'iob2' / 'dev.txt') if any(t != 'O' for t in s[1]) and len(s[0]) > 4]
    texts = [detokenize(words) for words, _ in sentences[::120]]
    return texts + ['Angela Merkel visited Paris.', 'abc 😀😀 lives in Zurich.', 'My name is Wolfgang and I live in Berlin.',
                    'Zoë Kravitz met Ángel Di María in São Paulo on Monday.', 'Apple and Microsoft opened offices in 東京 and New York.']


def mc_cases():
    def read(path, n, step):
        rows = list(csv.DictReader(open(path, newline='')))[::step][:n]
        return [{'prompt': r['startphrase'], 'choices': [r[f'ending{i}'] for i in range(4)], 'label': int(r['label'])} for r in rows]
    cases = read(DATA / 'mc' / 'hellaswag-val' / 'hs_dev.csv', 16, 125) + read(DATA / 'mc' / 'codah' / 'codah_test.csv', 8, 69)
    cases += [{'prompt': 'She opens the fridge and', 'choices': ['takes out the milk.', 'drives the fridge home.'], 'label': 0},
              {'prompt': 'The man puts on his running shoes and', 'choices': ['goes for a jog in the park.', 'eats the shoes for dinner.',
                                                                        'paints the sky green.', 'swims to the moon.'], 'label': 0},
              {'prompt': 'It started to rain, so she', 'choices': ['opened her umbrella.', 'took off her roof.'], 'label': 0}]
    return cases
