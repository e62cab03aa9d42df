/** Proposing a termination: which options may be proposed, and the command the form sends. */
import type { TerminationOption } from '@pe/domain';
import type { PartnershipCommand } from './partnershipModel';

/** Once options are agreed only those may be proposed; before that, any (the decider's rule). */
export function proposableOptions(agreed: readonly TerminationOption[] | undefined, all: readonly TerminationOption[]): TerminationOption[] {
  return agreed && agreed.length > 0 ? [...agreed] : [...all];
}

export interface ProposeTerminationValues {
  option?: TerminationOption | null;
  reason?: string | null;
}

/** The option is a required select, so it is set by the time this is sent. */
export function toProposeTerminationCommand(values: ProposeTerminationValues): PartnershipCommand {
  return { type: 'ProposeTermination', option: values.option ?? 'exit', reason: String(values.reason ?? '').trim() };
}
