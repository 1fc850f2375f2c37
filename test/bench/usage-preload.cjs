// Loaded into a benchmarked CLI process (NODE_OPTIONS=--require …): on exit, writes the process's own CPU time
// and peak RSS to BENCH_USAGE_FILE, so the figures are the CLI's alone, not the bench harness's.
'use strict';
const { writeFileSync } = require('node:fs');
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, maxRssKiB: usage.maxRSS }));
  });
}
