import type { Command } from 'commander';

/** A few runs of each command, as `--help` shows them under "Examples:". */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: [
    'pcc init --pma pma-u8ic702rtzng8          # relationships/, schema and workflows for a new repository',
    'pcc init --repo acme/partners --account 123456789012 --branch main',
  ],
  validate: [
    'pcc validate                               # every file under relationships/',
    'pcc validate --dir relationships/emea --format json',
    'pcc validate --format sarif > pcc.sarif    # for github/codeql-action/upload-sarif',
  ],
  plan: [
    'pcc plan                                   # what apply would change',
    'pcc plan --out plan.json                   # save it; apply it with: pcc apply plan.json',
    'pcc plan --format markdown --detailed-exitcode   # a PR comment; exit 2 when there are changes',
    'pcc plan --target AWS/pma-u8ic702rtzng8/111122223333    # only this relationship (a partial plan)',
    'pcc plan --replace AWS/pma-u8ic702rtzng8/111122223333   # delete and create it again',
    'pcc plan --prune                           # also delete managed relationships no file declares',
    'pcc --profile rehearsal plan               # against the endpoint_url of a profile (the emulator)',
  ],
  show: [
    'pcc show plan.json                         # the saved plan, as pcc plan showed it',
    'pcc show plan.json --format markdown       # as a pull-request comment',
    'pcc show plan.json --format json           # the plan value, for scripts',
  ],
  apply: [
    'pcc apply                                  # plan, show, ask on a terminal, then apply',
    'pcc apply plan.json                        # the plan you reviewed, without a second question',
    'pcc apply r.json --revoke                  # a plan saved with pcc plan --revoke needs the same flags',
    'pcc apply --auto-approve --prune           # in CI; also delete managed relationships no file declares',
    'pcc apply --target AWS/pma-u8ic702rtzng8/111122223333 --auto-approve   # only this relationship',
    'pcc apply --reviewed plan.json --auto-approve   # refuse everything if the fresh plan holds an unreviewed change',
  ],
  import: ['pcc import --out relationships/imported.yaml', 'pcc import --pma pma-u8ic702rtzng8 --catalog Sandbox'],
  pmas: ['pcc pmas                                   # the program management accounts these credentials see', 'pcc pmas --format json --catalog Sandbox'],
  fmt: [
    'pcc fmt                                    # rewrite the files in canonical form, comments kept',
    'pcc fmt --check                            # in CI: exit 1 if any file is not formatted',
    'pcc fmt --diff | less                      # review the changes first (git apply takes the diff)',
  ],
  emulator: [
    'pcc emulator --port 4566 --data state.json # then, in another shell, the exports it prints',
    'pcc emulator --pma pma-u8ic702rtzng8       # hold this program management account from the start',
    'pcc emulator --throttle-rate 0.1 --log     # rehearse under throttling, one line per request',
  ],
};

/** Adds the examples to the help of every command of `program` that has some. */
export function addHelpExamples(program: Command): void {
  for (const command of program.commands) {
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`);
  }
}
