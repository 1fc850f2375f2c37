import { InvalidArgumentError } from 'commander';

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

/** An API endpoint: an absolute http:// or https:// URL with a host (the SDK sends nothing anywhere else). */
export function endpointUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new InvalidArgumentError('expected an http:// or https:// URL with a host, e.g. http://127.0.0.1:4566 or https://partnercentral-channel.global.api.aws');
  }
  return value;
}

/** A share between 0 and 1 (fault injection rates). */
export function rate(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a rate between 0 and 1, e.g. 0.05');
  return n;
}
