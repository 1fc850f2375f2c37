import type { RegisterCommand } from './context.js';

// Placeholder until the command is built: it exists so the CLI wiring compiles.
export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description('(not built yet)')
    .action(() => {
      ctx.sink.err('pcc import: not built yet\n');
      ctx.setExitCode(1);
    });
};
