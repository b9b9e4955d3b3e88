// The load for group-sizes-bun.ts, from its own process: <url> <token> <requests> <connections>.
const [url, token, total, connections] = process.argv.slice(2) as [string, string, string, string];
const post = JSON.stringify({ title: 'Grouped', body: 'Over a socket.', status: 'published', tags: ['bench', 'load'] });
let sent = 0;
const loop = async () => {
  while (sent++ < Number(total)) {
    const response = await fetch(new URL('posts', url), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: post });
    if (response.status !== 201) throw new Error(`${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
};
await Promise.all(Array.from({ length: Number(connections) }, loop));
