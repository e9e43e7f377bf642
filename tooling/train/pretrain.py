"""ELECTRA-style pretraining of a small cased ConvBERT encoder (the recipe of the ConvBERT paper).

A small generator (ConvBertForMaskedLM) fills 15% masked positions by sampling; the discriminator
(ConvBertModel + a two-layer head) learns, at every position, whether the token was replaced. The two
share their embeddings. Only the discriminator's encoder is kept for the task models.

Resumable: `--steps` is the budget; the learning-rate schedule and the switch to long sequences are
functions of the share of it done (a step budget, not a time budget, so that a busy machine slows the run
down instead of cutting it short), and a checkpoint (models, optimizer, data position, random state,
elapsed time) is written every `--save-every` minutes. Run it again to resume.
"""
import argparse
import json

import numpy as np
import torch
from torch import nn
from tokenizers import BertWordPieceTokenizer
from transformers import ConvBertConfig, ConvBertForMaskedLM, ConvBertModel

from common import WORK, Clock, linear_schedule, log, param_groups, save_atomic, seed_everything, set_threads

PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4

DISCRIMINATOR = dict(embedding_size=128, hidden_size=256, num_hidden_layers=4, num_attention_heads=4,
                     intermediate_size=1024, head_ratio=2, conv_kernel_size=9, max_position_embeddings=512)
GENERATOR = dict(embedding_size=128, hidden_size=64, num_hidden_layers=4, num_attention_heads=2,
                 intermediate_size=256, head_ratio=2, conv_kernel_size=9, max_position_embeddings=512)


def config(shape, vocab_size):
    return ConvBertConfig(vocab_size=vocab_size, pad_token_id=PAD, hidden_dropout_prob=0.0,
                          attention_probs_dropout_prob=0.0, **shape)


def token_stream(path):
    """The corpus as one uint16 stream of word pieces, documents separated by [SEP] (cached)."""
    cache = WORK / 'pretrain' / 'stream.npy'
    if cache.exists():
        return np.load(cache, mmap_mode='r')
    tok = BertWordPieceTokenizer(str(WORK / 'vocab' / 'vocab.txt'), lowercase=False, strip_accents=False)
    parts = []
    with open(path) as f:
        batch = []
        for line in f:
            batch.append(line.rstrip('\n'))
            if len(batch) == 2048:
                parts.extend(np.array(e.ids[1:-1] + [SEP], dtype=np.uint16) for e in tok.encode_batch(batch))
                batch = []
        if batch:
            parts.extend(np.array(e.ids[1:-1] + [SEP], dtype=np.uint16) for e in tok.encode_batch(batch))
    stream = np.concatenate(parts)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, stream)
    return stream


class Discriminator(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.convbert = ConvBertModel(cfg)
        self.dense = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.out = nn.Linear(cfg.hidden_size, 1)

    def forward(self, ids):
        h = self.convbert(input_ids=ids).last_hidden_state
        return self.out(nn.functional.gelu(self.dense(h))).squeeze(-1)


def batch_of(stream, rng, rows, length):
    starts = rng.integers(0, len(stream) - length, size=rows)
    body = np.stack([stream[s:s + length - 2] for s in starts]).astype(np.int64)
    ids = np.concatenate([np.full((rows, 1), CLS), body, np.full((rows, 1), SEP)], axis=1)
    return torch.from_numpy(ids)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--steps', type=int, default=3000)
    ap.add_argument('--save-every', type=float, default=10)
    ap.add_argument('--lr', type=float, default=5e-4)
    ap.add_argument('--rows', type=int, default=32)
    ap.add_argument('--long-from', type=float, default=0.8, help='share of the budget after which sequences are 384 long')
    ap.add_argument('--seed', type=int, default=0)
    args = ap.parse_args()
    set_threads()
    seed_everything(args.seed)
    out = WORK / 'pretrain'
    out.mkdir(parents=True, exist_ok=True)
    stream = token_stream(WORK / 'corpus' / 'corpus.txt')
    vocab_size = sum(1 for line in open(WORK / 'vocab' / 'vocab.txt') if line.strip())
    gen = ConvBertForMaskedLM(config(GENERATOR, vocab_size))
    disc = Discriminator(config(DISCRIMINATOR, vocab_size))
    disc.convbert.embeddings = gen.convbert.embeddings  # shared token, position and type embeddings
    params = param_groups(nn.ModuleList([gen, disc]), 0.01)
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.999), eps=1e-6)
    state_path = out / 'state.pt'
    step, elapsed, rng = 0, 0.0, np.random.default_rng(args.seed)
    if state_path.exists():
        state = torch.load(state_path, weights_only=False)
        gen.load_state_dict(state['gen'])
        disc.load_state_dict(state['disc'])
        disc.convbert.embeddings = gen.convbert.embeddings
        opt.load_state_dict(state['opt'])
        step, elapsed = state['step'], state['elapsed']
        rng.bit_generator.state = state['rng']
        torch.set_rng_state(state['torch_rng'])
        print(f'resumed at step {step}, {elapsed / 60:.1f} min', flush=True)
    clock = Clock(elapsed)
    last_save = clock.elapsed()
    tokens, window = 0, []
    gen.train(), disc.train()
    special = torch.tensor([PAD, CLS, SEP, MASK])
    while step < args.steps:
        frac = step / args.steps
        for g in opt.param_groups:
            g['lr'] = args.lr * linear_schedule(frac)
        rows, length = (args.rows, 128) if frac < args.long_from else (args.rows // 3 + 1, 384)
        ids = batch_of(stream, rng, rows, length)
        maskable = ~torch.isin(ids, special)
        masked = (torch.rand(ids.shape) < 0.15) & maskable
        gen_in = ids.masked_fill(masked, MASK)
        hidden = gen.convbert(input_ids=gen_in).last_hidden_state[masked]
        logits = gen.generator_lm_head(gen.generator_predictions(hidden))
        gen_loss = nn.functional.cross_entropy(logits, ids[masked])
        with torch.no_grad():
            sampled = torch.multinomial(torch.softmax(logits.float(), -1), 1).squeeze(-1)
        disc_in = ids.clone()
        disc_in[masked] = sampled
        replaced = (disc_in != ids).float()
        disc_logits = disc(disc_in)
        keep = ids != PAD
        disc_loss = nn.functional.binary_cross_entropy_with_logits(disc_logits[keep], replaced[keep])
        loss = gen_loss + 50.0 * disc_loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for g in opt.param_groups for p in g['params']], 1.0)
        opt.step()
        step += 1
        tokens += ids.numel()
        with torch.no_grad():
            acc = (logits.argmax(-1) == ids[masked]).float().mean().item()
            dacc = ((disc_logits[keep] > 0).float() == replaced[keep]).float().mean().item()
        window.append((gen_loss.item(), disc_loss.item(), acc, dacc))
        if step % 50 == 0:
            w = np.array(window)
            log(out / 'log.jsonl', step=step, minutes=round(clock.elapsed() / 60, 2), seq=length,
                lr=opt.param_groups[0]['lr'], gen_loss=float(w[:, 0].mean()), disc_loss=float(w[:, 1].mean()),
                gen_acc=float(w[:, 2].mean()), disc_acc=float(w[:, 3].mean()), tokens=tokens)
            window = []
        if clock.elapsed() - last_save > args.save_every * 60 or step >= args.steps:
            save_atomic({'gen': gen.state_dict(), 'disc': disc.state_dict(), 'opt': opt.state_dict(), 'step': step,
                         'elapsed': clock.elapsed(), 'rng': rng.bit_generator.state, 'torch_rng': torch.get_rng_state(),
                         'disc_config': DISCRIMINATOR, 'gen_config': GENERATOR, 'vocab_size': vocab_size}, state_path)
            last_save = clock.elapsed()
    # The encoder alone, as a ConvBertModel folder the fine-tuning scripts start from.
    encoder = out / 'encoder'
    disc.convbert.config.hidden_dropout_prob = 0.1
    disc.convbert.config.attention_probs_dropout_prob = 0.1
    disc.convbert.save_pretrained(encoder)
    json.dump({'step': step, 'minutes': clock.elapsed() / 60}, open(encoder / 'pretrain.json', 'w'))


if __name__ == '__main__':
    main()
