import type { RegisterCommand } from './context.js';

// Placeholder until the command is built: it exists so the CLI wiring compiles.
export const registerApply: RegisterCommand = (program, ctx) => {
  program
    .command('apply')
    .description('(not built yet)')
    .action(() => {
      ctx.sink.err('pcc apply: not built yet\n');
      ctx.setExitCode(1);
    });
};
