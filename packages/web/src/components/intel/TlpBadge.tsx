// An object's TLP level as FIRST's label: "TLP:AMBER+STRICT" in the level's colour on black, with
// what the level allows as its title.
import type { CSSProperties } from 'react';
import { TLP_COLOR, TLP_MEANING, tlpLabel, type TlpLevel } from '../../format/intel-scope.ts';

export function TlpBadge({ tlp }: { tlp: TlpLevel }) {
  const style = { '--tlp-color': TLP_COLOR[tlp] ?? '#FFFFFF' } as CSSProperties;
  return (
    <span className="tlp-badge" data-tlp={tlp} style={style} title={TLP_MEANING[tlp]}>
      {tlpLabel(tlp)}
    </span>
  );
}
