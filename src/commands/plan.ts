import type { RegisterCommand } from './context.js';

// Placeholder until the command is built: it exists so the CLI wiring compiles.
export const registerPlan: RegisterCommand = (program, ctx) => {
  program
    .command('plan')
    .description('(not built yet)')
    .action(() => {
      ctx.sink.err('pcc plan: not built yet\n');
      ctx.setExitCode(1);
    });
};
