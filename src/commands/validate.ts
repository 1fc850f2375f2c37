import type { RegisterCommand } from './context.js';

// Placeholder until the command is built: it exists so the CLI wiring compiles.
export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('(not built yet)')
    .action(() => {
      ctx.sink.err('pcc validate: not built yet\n');
      ctx.setExitCode(1);
    });
};
