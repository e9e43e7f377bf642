// Deno with `npm:` specifiers and no node_modules: the embedded SST-2 model's answer for one
// sentence, printed as JSON (the test compares it with PyTorch's prediction).
import { pipeline } from 'npm:@convbert/node';

const clf = await pipeline('text-classification', undefined, { graphCache: false });
console.log(JSON.stringify(await clf(Deno.args[0])));
await clf.dispose();
