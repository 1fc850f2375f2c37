import type { RegisterCommand } from './context.js';

// Placeholder until the command is built: it exists so the CLI wiring compiles.
export const registerFmt: RegisterCommand = (program, ctx) => {
  program
    .command('fmt')
    .description('(not built yet)')
    .action(() => {
      ctx.sink.err('pcc fmt: not built yet\n');
      ctx.setExitCode(1);
    });
};
