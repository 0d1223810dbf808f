// Federation egress: may a copy be sent to a directly federated instance, and with what scope does it arrive?
import { canReceive } from './can-receive.ts';
import { distributionAfterHop } from './distribution.ts';
import type { ObjectScope } from './scope.ts';

/** May the holder send this copy to the federated instance `toInstance`? Same rule as `canReceive` for a peer. */
export function mayForward(scope: ObjectScope, toInstance: string): boolean {
  return canReceive({ kind: 'peer', instance: toInstance }, scope);
}

/**
 * The scope of the copy on the receiving side of one hop to `toInstance`, or undefined when it must not
 * be sent there. TLP, owner, group and recipients are kept; the holder becomes the receiver; the
 * distribution is downgraded (connected → community, all → all, group → group).
 */
export function downgradeForHop(scope: ObjectScope, toInstance: string): ObjectScope | undefined {
  if (!mayForward(scope, toInstance)) return undefined;
  const distribution = distributionAfterHop(scope.distribution);
  if (distribution === undefined) return undefined;
  return { ...scope, holder: toInstance, distribution };
}
