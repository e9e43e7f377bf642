// Loads the embedded model on the node backend and prints what happened as one JSON line:
// {"ok":true} or {"code","message"} — run in a runtime that lacks a permission, the answer must
// be a typed error naming it (never a hang or a raw stack).
import { pipeline } from '@convbert/node';

try {
  const clf = await pipeline('text-classification', undefined, { graphCache: false });
  await clf.dispose();
  console.log(JSON.stringify({ ok: true }));
} catch (err) {
  console.log(JSON.stringify({ code: err?.code, name: err?.name, message: String(err?.message ?? err) }));
}
