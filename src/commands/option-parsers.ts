import { InvalidArgumentError, Option } from 'commander';

/** commander argument parsers: a bad value becomes commander's "argument … is invalid. <reason>" and exit 1. */

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}

export function positiveInteger(value: string): number {
  const n = positiveNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number greater than 0');
  return n;
}

export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

/** An AWS region name such as us-east-1: lowercase letters, digits and dashes (the SDK refuses anything else). */
export function region(value: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) throw new InvalidArgumentError('expected an AWS region such as us-east-1');
  return value;
}

/** A share between 0 and 1 (fault injection rates). */
export function rate(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a rate between 0 and 1, e.g. 0.05');
  return n;
}

/** `--max-deletes N` (plan and apply): replaces the delete guard's default limits for one run. */
export function maxDeletesOption(): Option {
  return new Option(
    '--max-deletes <n>',
    "allow up to N deletions this run (default: at most 10, and at most half of a PMA's managed relationships when it has more than 4)",
  ).argParser(wholeNumber(0));
}

/** A relationship address `<catalog>/<pma-id>/<associatedAccountId>`, as plans name it. */
const ADDRESS = /^[a-zA-Z]{1,64}\/pma-[a-z0-9]{13}\/[0-9]{12}$/;

/**
 * `--acknowledge-service-period ADDRESS` (plan and apply, repeatable): the operator knows that deleting or replacing
 * the relationship there ends the service period agreed with the customer. Recorded in a saved plan.
 */
export function acknowledgeServicePeriodOption(): Option {
  return new Option(
    '--acknowledge-service-period <address>',
    'allow deleting or replacing the relationship at ADDRESS although a service period is agreed on it (repeatable)',
  ).argParser((value: string, previous: string[] | undefined) => {
    if (!ADDRESS.test(value))
      throw new InvalidArgumentError('expected a relationship address <catalog>/<pma-id>/<associatedAccountId>, e.g. AWS/pma-u8ic702rtzng8/111122223333');
    return [...(previous ?? []), value];
  });
}
