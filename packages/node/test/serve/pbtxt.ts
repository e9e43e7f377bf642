// A reader of protobuf text format checked against a schema loaded by protobufjs (which has no
// text-format parser itself; no maintained npm package parses text format against a schema).
// Every field name, enum value, scalar type, repetition and oneof is checked against the .proto.
import protobuf from 'protobufjs';

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string; at: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|#[^\n]*|("(?:[^"\\\n]|\\.)*")|(-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+))|([A-Za-z_][\w.]*)|([{}[\]:,;<>])/y;
  let at = 0;
  while (at < src.length) {
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) throw new Error(`unexpected character ${JSON.stringify(src[at])} at offset ${at}`);
    if (m[1]) tokens.push({ kind: 'string', text: m[1], at });
    else if (m[2]) tokens.push({ kind: 'number', text: m[2], at });
    else if (m[3]) tokens.push({ kind: 'ident', text: m[3], at });
    else if (m[4]) tokens.push({ kind: 'punct', text: m[4], at });
    at = re.lastIndex;
  }
  return tokens;
}

const INTS = new Set(['int32', 'int64', 'sint32', 'sint64', 'sfixed32', 'sfixed64']);
const UINTS = new Set(['uint32', 'uint64', 'fixed32', 'fixed64']);

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new Error('unexpected end of input');
    return t;
  }
  private eat(text: string): boolean {
    if (this.peek()?.kind === 'punct' && this.peek()?.text === text) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(text: string): void {
    const t = this.next();
    if (t.text !== text) throw new Error(`expected ${text} at offset ${t.at}, got ${t.text}`);
  }

  message(type: protobuf.Type, path: string, close?: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const oneofSet = new Map<string, string>();
    while (this.peek() && !(close && this.peek()?.kind === 'punct' && this.peek()?.text === close)) {
      const nameTok = this.next();
      if (nameTok.kind !== 'ident') throw new Error(`${path}: expected a field name at offset ${nameTok.at}, got ${nameTok.text}`);
      const field = type.fields[nameTok.text];
      if (!field) throw new Error(`${path}: ${type.fullName} has no field ${nameTok.text}`);
      field.resolve();
      const fpath = `${path}.${field.name}`;
      if (field.partOf) {
        const other = oneofSet.get(field.partOf.name);
        if (other && other !== field.name) throw new Error(`${fpath}: oneof ${field.partOf.name} already has ${other}`);
        oneofSet.set(field.partOf.name, field.name);
      }
      const isMessage = field.resolvedType instanceof protobuf.Type;
      const colon = this.eat(':');
      if (!colon && !isMessage) throw new Error(`${fpath}: a scalar field needs ':'`);
      const values: unknown[] = [];
      if (this.eat('[')) {
        if (!field.repeated) throw new Error(`${fpath}: a list for a field that is not repeated`);
        while (!this.eat(']')) {
          values.push(this.value(field, fpath));
          this.eat(',');
        }
      } else {
        values.push(this.value(field, fpath));
      }
      if (field.repeated) out[field.name] = [...((out[field.name] as unknown[]) ?? []), ...values];
      else if (field.name in out) throw new Error(`${fpath}: set twice but not repeated`);
      else out[field.name] = values[0];
      if (!this.eat(',')) this.eat(';');
    }
    return out;
  }

  private value(field: protobuf.Field, path: string): unknown {
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Type) {
      const close = this.eat('{') ? '}' : this.eat('<') ? '>' : undefined;
      if (!close) throw new Error(`${path}: expected a { message }`);
      const v = this.message(rt, path, close);
      this.expect(close);
      return v;
    }
    const t = this.next();
    if (rt instanceof protobuf.Enum) {
      if (t.kind !== 'ident' || !(t.text in rt.values)) {
        throw new Error(`${path}: ${t.text} is not a value of ${rt.fullName} (${Object.keys(rt.values).join(', ')})`);
      }
      return t.text;
    }
    if (field.type === 'string' || field.type === 'bytes') {
      if (t.kind !== 'string') throw new Error(`${path}: expected a quoted string, got ${t.text}`);
      return JSON.parse(t.text);
    }
    if (field.type === 'bool') {
      if (t.text !== 'true' && t.text !== 'false') throw new Error(`${path}: expected true or false, got ${t.text}`);
      return t.text === 'true';
    }
    if (t.kind !== 'number') throw new Error(`${path}: expected a number, got ${t.text}`);
    const n = Number(t.text);
    if ((INTS.has(field.type) || UINTS.has(field.type)) && !Number.isInteger(n)) throw new Error(`${path}: ${t.text} is not an integer`);
    if (UINTS.has(field.type) && n < 0) throw new Error(`${path}: ${t.text} is negative`);
    if ((field.type === 'int32' || field.type === 'sint32') && (n < -(2 ** 31) || n >= 2 ** 31))
      throw new Error(`${path}: ${t.text} overflows int32`);
    return n;
  }
}

/** Parses `text` as the message `typeName` of the schema in `protoFile`; throws naming the bad field. */
export function parseTextFormat(protoFile: string, typeName: string, text: string): Record<string, unknown> {
  // keepCase: text format names fields as the .proto does (max_batch_size), not camelCased.
  const root = new protobuf.Root().loadSync(protoFile, { keepCase: true });
  root.resolveAll();
  const type = root.lookupType(typeName);
  const obj = new Reader(tokenize(text)).message(type, typeName);
  const problem = type.verify(type.fromObject(obj));
  if (problem) throw new Error(`${typeName}: ${problem}`);
  return obj;
}
