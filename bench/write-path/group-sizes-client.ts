// The load for group-sizes.ts (Bun and Node), from its own process: <url> <token> <requests> <connections>.
// Prints one JSON line: the slowest 1 % of answers, in ms.
const [url, token, total, connections] = process.argv.slice(2) as [string, string, string, string];
const post = JSON.stringify({ title: 'Grouped', body: 'Over a socket.', status: 'published', tags: ['bench', 'load'] });
const latencies: number[] = [];
let sent = 0;
const loop = async () => {
  while (sent++ < Number(total)) {
    const started = performance.now();
    const response = await fetch(new URL('posts', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: post });
    if (response.status !== 201) throw new Error(`${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
  }
};
await Promise.all(Array.from({ length: Number(connections) }, loop));
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({ p99Ms: latencies[Math.floor(latencies.length * 0.99)] }));
