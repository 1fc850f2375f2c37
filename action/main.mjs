import { createRequire as __pccCreateRequire } from 'node:module'; const require = __pccCreateRequire(import.meta.url);

// src/action/main.ts
import { spawn } from "node:child_process";
import { appendFileSync, createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var ACTION_COMMANDS = ["validate", "plan", "apply", "import", "fmt"];
var input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? "").trim();
function argvOf(command, directory, args, region) {
  return ["--dir", directory || "relationships", ...region ? ["--region", region] : [], command, ...args.split(/\s+/).filter(Boolean)];
}
async function main() {
  const command = input("command");
  if (!ACTION_COMMANDS.includes(command)) {
    process.stdout.write(`::error title=pcc-gitops::input 'command' must be one of ${ACTION_COMMANDS.join(", ")}
`);
    return 1;
  }
  const cli = join(dirname(fileURLToPath(import.meta.url)), "pcc.mjs");
  const stdoutFile = join(mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), `pcc-${command}-stdout.`)), "stdout");
  const file = createWriteStream(stdoutFile);
  const child = spawn(process.execPath, [cli, ...argvOf(command, input("directory"), input("args"), input("aws-region"))], {
    stdio: ["ignore", "pipe", "inherit"]
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void child.kill(signal));
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    file.write(chunk);
  });
  const code = await new Promise((resolve) => child.on("close", (status) => resolve(status ?? 1)));
  await new Promise((resolve) => file.end(resolve));
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `exit-code=${code}
stdout-file=${stdoutFile}
`);
  return code === 2 ? 0 : code;
}
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stdout.write(`::error title=pcc-gitops::${error instanceof Error ? error.message : String(error)}
`);
    process.exitCode = 1;
  }
);
