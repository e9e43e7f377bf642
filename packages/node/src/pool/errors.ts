// Errors cross the worker boundary by structured clone, which keeps a message but not the class
// or fields such as `code`. The worker sends them as plain data; the pool rebuilds them, so that
// `err instanceof HeadsError` and `err.code` work as they do in-process.
import { ConvBertConfigError, ConvBertError } from '@convbert/config';
import { CoreError, HubError, OptionsError, WeightsError } from '@convbert/core';
import { HeadsError } from '@convbert/heads';
import { TokenizerError } from '@convbert/tokenizer';

const CLASSES: Record<string, abstract new (...args: never[]) => Error> = {
  ConvBertError,
  ConvBertConfigError,
  CoreError,
  HubError,
  OptionsError,
  WeightsError,
  HeadsError,
  TokenizerError,
  RangeError,
  TypeError,
};

export interface SentError {
  readonly poolError: true;
  className: string;
  name: string;
  message: string;
  stack: string | undefined;
  /** Own enumerable fields (`code`, `key`, `tensor`, `file`…), cloneable ones only. */
  fields: Record<string, unknown>;
}

export function isSentError(x: unknown): x is SentError {
  return typeof x === 'object' && x !== null && (x as SentError).poolError === true;
}

/** In the worker: the error as data. */
export function sendError(err: unknown): SentError {
  if (!(err instanceof Error))
    return { poolError: true, className: 'Error', name: 'Error', message: String(err), stack: undefined, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) {
    if (v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v)) fields[k] = v;
  }
  const cls = Object.keys(CLASSES).find((n) => err.constructor === CLASSES[n]) ?? 'Error';
  return { poolError: true, className: cls, name: err.name, message: err.message, stack: err.stack, fields };
}

/** In the caller: the error with its class, name, code and other fields. */
export function receiveError(sent: SentError): Error {
  const cls = CLASSES[sent.className];
  const err = new Error(sent.message);
  if (cls) Object.setPrototypeOf(err, cls.prototype);
  Object.assign(err, sent.fields);
  Object.defineProperty(err, 'name', { value: sent.name, writable: true, configurable: true });
  if (sent.stack) err.stack = sent.stack;
  return err;
}
