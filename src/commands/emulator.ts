import type { RegisterCommand } from './context.js';

// Placeholder until the command is built: it exists so the CLI wiring compiles.
export const registerEmulator: RegisterCommand = (program, ctx) => {
  program
    .command('emulator')
    .description('(not built yet)')
    .action(() => {
      ctx.sink.err('pcc emulator: not built yet\n');
      ctx.setExitCode(1);
    });
};
