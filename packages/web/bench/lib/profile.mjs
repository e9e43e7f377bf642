// ONNX Runtime's profile (enableProfiling): its wasm build prints the trace events as JSON lines
// on the console when the session ends profiling. Each node's time is the median over the runs
// (after the first): on a shared machine a preempted node would otherwise dominate a sum.

/** Trace events from console lines (as printed by ORT, one event per line). */
export function parseTrace(lines) {
  const events = [];
  for (const line of lines.flatMap((l) => l.split('\n'))) {
    const l = line.trim().replace(/,$/, '');
    if (!l.startsWith('{"cat"')) continue;
    try {
      events.push(JSON.parse(l));
    } catch {}
  }
  return events;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Per operator type: nodes, summed node times (µs, `stat` of each node's runs), share; plus the runs' wall times. */
export function profileByOp(events, stat = (us) => Math.min(...us)) {
  const runs = [];
  let nodes = [];
  for (const e of events) {
    if (e.cat === 'Node' && e.name.endsWith('_kernel_time')) nodes.push(e);
    if (e.name === 'model_run') {
      runs.push({ nodes, dur: e.dur });
      nodes = [];
    }
  }
  const timed = runs.slice(1);
  const perNode = new Map();
  for (const r of timed)
    for (const e of r.nodes) {
      const n = perNode.get(e.name) ?? {
        name: e.name,
        op: e.args.op_name,
        inputs: e.args.input_type_shape,
        outputs: e.args.output_type_shape,
        us: [],
      };
      n.us.push(e.dur);
      perNode.set(e.name, n);
    }
  const byOp = new Map();
  for (const { op, us } of perNode.values()) {
    const o = byOp.get(op) ?? { op, nodes: 0, us: 0 };
    o.nodes++;
    o.us += stat(us);
    byOp.set(op, o);
  }
  const kernelUs = [...byOp.values()].reduce((a, o) => a + o.us, 0);
  return {
    runs: timed.length,
    runMs: median(timed.map((r) => r.dur)) / 1000,
    minRunMs: Math.min(...timed.map((r) => r.dur)) / 1000,
    kernelMs: kernelUs / 1000,
    nodeCount: perNode.size,
    nodes: [...perNode.values()].map((n) => ({ ...n, us: stat(n.us) })),
    ops: [...byOp.values()].sort((a, b) => b.us - a.us).map((o) => ({ ...o, ms: o.us / 1000, share: o.us / kernelUs })),
  };
}
