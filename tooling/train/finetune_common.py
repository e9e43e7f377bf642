"""The fine-tuning loop shared by the three task scripts: a fixed schedule (no model selection on the
reported split), length-bucketed batches (no padding waste, as the pipelines run unpadded), and a
checkpoint every few minutes so a stopped run resumes where it was."""
import argparse
import random

import torch

from common import WORK, Clock, linear_schedule, log, param_groups, save_atomic, seed_everything, set_threads
from transformers import ConvBertTokenizerFast


def tokenizer():
    # The shipped tokenizer: cased WordPiece, accents kept (BERT strips them only when lower-casing).
    return ConvBertTokenizerFast(str(WORK / 'vocab' / 'vocab.txt'), do_lower_case=False, strip_accents=None,
                                 tokenize_chinese_chars=True, model_max_length=512)


def arguments(extra=(), **defaults):
    """The common options; `extra`: (flag, add_argument keywords) pairs a script adds."""
    ap = argparse.ArgumentParser()
    for flag, kw in extra:
        ap.add_argument(flag, **kw)
    ap.add_argument('--epochs', type=float, default=defaults.get('epochs', 3))
    ap.add_argument('--lr', type=float, default=defaults.get('lr', 1e-4))
    ap.add_argument('--tokens-per-batch', type=int, default=defaults.get('tokens_per_batch', 4096))
    ap.add_argument('--save-every', type=float, default=10)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--encoder', default=str(WORK / 'pretrain' / 'encoder'))
    ap.add_argument('--out', default=None)
    ap.add_argument('--eval-only', action='store_true')
    ap.add_argument('--skip-eval', action='store_true', help='train and save only (export.py scores the shipped copy)')
    return ap.parse_args()


def bucketed_batches(lengths, tokens_per_batch, rng, max_rows=64):
    """Batches of examples of similar length, `tokens_per_batch` padded tokens at most, in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches, cur, longest = [], [], 0
    for i in order:
        longest_if = max(longest, lengths[i])
        if cur and (longest_if * (len(cur) + 1) > tokens_per_batch or len(cur) >= max_rows):
            batches.append(cur)
            cur, longest_if = [], lengths[i]
        cur.append(i)
        longest = longest_if
    if cur:
        batches.append(cur)
    rng.shuffle(batches)
    return batches


def train(model, examples, collate, args, out, length_of):
    """Runs the schedule over `examples` (resuming from out/state.pt), then saves the model to out/model."""
    set_threads()
    seed_everything(args.seed)
    out.mkdir(parents=True, exist_ok=True)
    opt = torch.optim.AdamW(param_groups(model, 0.01), lr=args.lr, eps=1e-6)
    lengths = [length_of(e) for e in examples]
    epochs = int(args.epochs + 0.999)
    plan = []
    for epoch in range(epochs):
        batches = bucketed_batches(lengths, args.tokens_per_batch, random.Random(args.seed * 1000 + epoch))
        if epoch + 1 > args.epochs:  # a fractional last epoch
            batches = batches[:int(len(batches) * (args.epochs - epoch))]
        plan.extend(batches)
    step, elapsed = 0, 0.0
    state_path = out / 'state.pt'
    if state_path.exists():
        state = torch.load(state_path, weights_only=False)
        model.load_state_dict(state['model'])
        opt.load_state_dict(state['opt'])
        step, elapsed = state['step'], state['elapsed']
        torch.set_rng_state(state['torch_rng'])
        print(f'resumed at step {step}/{len(plan)}', flush=True)
    clock = Clock(elapsed)
    last_save = clock.elapsed()
    model.train()
    losses = []
    while step < len(plan):
        for g in opt.param_groups:
            g['lr'] = args.lr * linear_schedule(step / len(plan), warmup=0.1)
        batch = collate([examples[i] for i in plan[step]])
        loss = model(**batch).loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        losses.append(loss.item())
        if step % 50 == 0 or step == len(plan):
            log(out / 'log.jsonl', step=step, of=len(plan), minutes=round(clock.elapsed() / 60, 2),
                loss=sum(losses) / len(losses), lr=opt.param_groups[0]['lr'])
            losses = []
        if clock.elapsed() - last_save > args.save_every * 60:
            save_atomic({'model': model.state_dict(), 'opt': opt.state_dict(), 'step': step,
                         'elapsed': clock.elapsed(), 'torch_rng': torch.get_rng_state()}, state_path)
            last_save = clock.elapsed()
    model.eval()
    model.save_pretrained(out / 'model')
    return clock.elapsed() / 60
