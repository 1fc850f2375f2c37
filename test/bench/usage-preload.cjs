// Loaded into a benchmarked CLI process (NODE_OPTIONS=--require …): on exit, writes the process's own CPU time
// and peak RSS to BENCH_USAGE_FILE, so the figures are the CLI's alone, not the bench harness's. It also samples
// process.memoryUsage() every 100 ms (an unref'd timer) and records the peak of each part, so a high RSS can be
// told apart: the JS heap (heapUsed / heapTotal), memory outside it (external, arrayBuffers), or the rest.
'use strict';
const { writeFileSync } = require('node:fs');
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], m[key]);
  };
  setInterval(sample, 100).unref();
  process.on('exit', () => {
    sample();
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, maxRssKiB: usage.maxRSS, peak }));
  });
}
