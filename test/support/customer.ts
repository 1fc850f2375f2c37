/**
 * Acting as the customer's account in the emulator: credentials whose access key names the account
 * (`AKIA` + 12 digits) answer the service-period handshakes pcc sent to it.
 */
import { AcceptChannelHandshakeCommand, RejectChannelHandshakeCommand } from '@aws-sdk/client-partnercentral-channel';
import { accountId } from './e2e-helpers.js';
import type { EmulatorHandle } from './emulator.js';

export function customerActions(h: EmulatorHandle) {
  const customer = (i: number) => h.client({ accessKeyId: `AKIA${accountId(i)}` });
  return {
    customer,
    accept: (i: number, id: string | undefined) => customer(i).send(new AcceptChannelHandshakeCommand({ catalog: 'AWS', identifier: id })),
    reject: (i: number, id: string | undefined) => customer(i).send(new RejectChannelHandshakeCommand({ catalog: 'AWS', identifier: id })),
  };
}
