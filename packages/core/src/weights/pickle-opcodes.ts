// A pass over a pickle's opcodes before it is unpickled: opcodes that build objects from classes
// (INST, OBJ, NEWOBJ, NEWOBJ_EX), extension registries, out-of-band buffers and the opcodes the
// unpickler mishandles are refused, as are arguments that run past the end. torch.save never
// writes them, and the unpickler (pickleparser) would construct whatever it is handed, or turn a
// megabyte LONG4 into a BigInt in quadratic time.
import { WeightsError } from '../errors.js';

type Arg = number | 'line' | 'two-lines' | { lengthBytes: 1 | 4 | 8 };

/** Opcodes torch.save (protocols 2-5) and Python's pickle may write in a state dict, with their argument. */
const ALLOWED: ReadonlyMap<number, Arg> = new Map<number, Arg>([
  [0x80, 1], // PROTO
  [0x95, 8], // FRAME
  [0x2e, 0], // STOP
  [0x28, 0], // MARK
  [0x30, 0], // POP
  [0x31, 0], // POP_MARK
  [0x32, 0], // DUP
  [0x4e, 0], // NONE
  [0x88, 0], // NEWTRUE
  [0x89, 0], // NEWFALSE
  [0x4a, 4], // BININT
  [0x4b, 1], // BININT1
  [0x4d, 2], // BININT2
  [0x8a, { lengthBytes: 1 }], // LONG1
  [0x49, 'line'], // INT
  [0x4c, 'line'], // LONG
  [0x46, 'line'], // FLOAT
  [0x47, 8], // BINFLOAT
  [0x53, 'line'], // STRING
  [0x56, 'line'], // UNICODE
  [0x55, { lengthBytes: 1 }], // SHORT_BINSTRING
  [0x54, { lengthBytes: 4 }], // BINSTRING
  [0x58, { lengthBytes: 4 }], // BINUNICODE
  [0x8c, { lengthBytes: 1 }], // SHORT_BINUNICODE
  [0x8d, { lengthBytes: 8 }], // BINUNICODE8
  [0x43, { lengthBytes: 1 }], // SHORT_BINBYTES
  [0x42, { lengthBytes: 4 }], // BINBYTES
  [0x8e, { lengthBytes: 8 }], // BINBYTES8
  [0x29, 0], // EMPTY_TUPLE
  [0x74, 0], // TUPLE
  [0x85, 0], // TUPLE1
  [0x86, 0], // TUPLE2
  [0x87, 0], // TUPLE3
  [0x5d, 0], // EMPTY_LIST
  [0x6c, 0], // LIST
  [0x61, 0], // APPEND
  [0x65, 0], // APPENDS
  [0x7d, 0], // EMPTY_DICT
  [0x73, 0], // SETITEM
  [0x75, 0], // SETITEMS
  [0x8f, 0], // EMPTY_SET
  [0x90, 0], // ADDITEMS
  [0x91, 0], // FROZENSET
  [0x70, 'line'], // PUT
  [0x71, 1], // BINPUT
  [0x72, 4], // LONG_BINPUT
  [0x94, 0], // MEMOIZE
  [0x67, 'line'], // GET
  [0x68, 1], // BINGET
  [0x6a, 4], // LONG_BINGET
  [0x63, 'two-lines'], // GLOBAL (resolved against the allow-list)
  [0x93, 0], // STACK_GLOBAL (idem)
  [0x51, 0], // BINPERSID
  [0x52, 0], // REDUCE
  [0x62, 0], // BUILD (OrderedDict's _metadata)
]);

function fail(message: string): never {
  throw new WeightsError('PICKLE_INVALID', `${message} (pytorch_model.bin)`);
}

/** Checks every opcode of `pickle` up to its STOP; throws `PICKLE_INVALID` naming the first one refused. */
export function checkPickleOpcodes(pickle: Uint8Array): void {
  const v = new DataView(pickle.buffer, pickle.byteOffset, pickle.byteLength);
  const n = pickle.length;
  let p = 0;
  const need = (bytes: number, op: number) => {
    if (bytes > n - p) fail(`opcode 0x${op.toString(16)} at byte ${p - 1} runs past the end of data.pkl`);
  };
  const line = (op: number) => {
    const end = pickle.indexOf(0x0a, p);
    if (end < 0) fail(`opcode 0x${op.toString(16)} at byte ${p - 1} has no end of line`);
    p = end + 1;
  };
  while (p < n) {
    const op = pickle[p++] as number;
    const arg = ALLOWED.get(op);
    if (arg === undefined) {
      fail(
        `opcode 0x${op.toString(16)} at byte ${p - 1} is not one torch.save writes; refused so that nothing is constructed from the file`,
      );
    }
    if (op === 0x2e) return;
    if (arg === 'line') line(op);
    else if (arg === 'two-lines') {
      line(op);
      line(op);
    } else if (typeof arg === 'number') {
      need(arg, op);
      p += arg;
    } else {
      need(arg.lengthBytes, op);
      const length = arg.lengthBytes === 1 ? v.getUint8(p) : arg.lengthBytes === 4 ? v.getUint32(p, true) : Number(v.getBigUint64(p, true));
      p += arg.lengthBytes;
      need(length, op);
      p += length;
    }
  }
  fail('data.pkl ends without a STOP opcode');
}
