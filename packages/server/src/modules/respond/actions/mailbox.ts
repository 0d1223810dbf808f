// Mailbox syntax: a sane subset of RFC 5321's Mailbox (and RFC 5322's addr-spec). Accepted:
// dot-atom local parts and host-name domains, ASCII only. Refused: quoted local parts, address
// literals, comments, display names, and internationalised addresses (give domains as A-labels,
// xn--…). Whatever is accepted can be written into an SMTP command or a header as it is: no CR, LF,
// space, angle bracket or comma can get through.

const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
const LOCAL = new RegExp(`^[${ATEXT}]+(\\.[${ATEXT}]+)*$`);
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Why `text` is not an acceptable mailbox, or undefined when it is. */
export function mailboxProblem(text: string): string | undefined {
  if (text.length === 0) return 'empty address';
  if (text.length > 254) return 'address longer than 254 characters'; // RFC 5321 path limit minus the brackets
  if (!/^[\x21-\x7e]+$/.test(text)) return 'address contains a space, a control or a non-ASCII character';
  const at = text.lastIndexOf('@');
  if (at < 1) return 'address needs a local part, "@" and a domain';
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64) return 'local part longer than 64 characters';
  if (!LOCAL.test(local)) return `local part "${local}" is not a dot-atom (letters, digits, ${ATEXT.slice(9)} and single inner dots)`;
  return domainProblem(domain);
}

/** Why `domain` is not a host name usable in a mailbox, or undefined when it is. */
export function domainProblem(domain: string): string | undefined {
  if (domain.length === 0) return 'empty domain';
  if (domain.length > 253) return 'domain longer than 253 characters';
  const labels = domain.split('.');
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) return `domain "${domain}" has an invalid label "${bad}" (letters, digits and inner hyphens, 1 to 63)`;
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return `domain "${domain}" ends in a numeric label (address literals are not accepted)`;
  return undefined;
}

/** The domain part of an accepted mailbox. */
export const domainOf = (mailbox: string): string => mailbox.slice(mailbox.lastIndexOf('@') + 1);
