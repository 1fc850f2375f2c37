import type { Command } from 'commander';

/** A few runs of each command, as `--help` shows them under "Examples:". */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: [
    'pcc init --pma pma-u8ic702rtzng8          # relationships/, schema and workflows for a new repository',
    'pcc init --repo acme/partners --account 123456789012 --branch main',
  ],
  validate: ['pcc validate                               # every file under relationships/', 'pcc validate --dir relationships/emea --format json'],
  plan: [
    'pcc plan                                   # what apply would change',
    'pcc plan --out plan.json                   # saved for review, then: pcc apply plan.json',
    'pcc plan --format markdown --detailed-exitcode',
    'pcc --profile rehearsal plan               # against the endpoint_url of a profile (the emulator)',
  ],
  apply: [
    'pcc apply                                  # plan, ask, apply',
    'pcc apply plan.json                        # a reviewed plan, without a second question',
    'pcc apply --auto-approve --prune           # in CI; also delete managed relationships no file declares',
  ],
  import: ['pcc import --out relationships/imported.yaml', 'pcc import --pma pma-u8ic702rtzng8 --catalog Sandbox'],
  pmas: ['pcc pmas                                   # the program management accounts these credentials see', 'pcc pmas --format json --catalog Sandbox'],
  fmt: [
    'pcc fmt                                    # rewrite the files in canonical form, comments kept',
    'pcc fmt --check                            # in CI: exit 1 if any file is not formatted',
  ],
  emulator: [
    'pcc emulator --port 4566 --data state.json # then, in another shell, the exports it prints',
    'pcc emulator --pma pma-u8ic702rtzng8       # hold this program management account from the start',
    'pcc emulator --throttle-rate 0.1 --log     # rehearse under throttling, one line per request',
  ],
  show: ['pcc show plan.json', 'pcc show plan.json --format markdown'],
};

/** Adds the examples to the help of every command of `program` that has some. */
export function addHelpExamples(program: Command): void {
  for (const command of program.commands) {
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`);
  }
}
