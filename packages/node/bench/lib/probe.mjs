// A probe in its own process (the load generator's busy event loop would add its own delay to
// what it measures): GETs <url> every 20 ms for <seconds>, then prints the latencies (ms) and
// statuses as JSON. Usage: node probe.mjs <url> <seconds>
const [url, seconds] = process.argv.slice(2);
const until = performance.now() + Number(seconds) * 1000;
const times = [];
const statuses = [];
while (performance.now() < until) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    statuses.push(res.status);
  } catch {
    statuses.push('timeout');
  }
  times.push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 20));
}
console.log(JSON.stringify({ times, statuses }));
