import { sha256Hex } from '../crypto.ts';

/**
 * The bucket of a client address. IPv4 is itself (an IPv4-mapped IPv6 one
 * too); IPv6 is its /64, the block one subscriber usually holds, so a client
 * cannot step around its limit by rotating addresses inside its own network.
 */
export function addressKey(address: string): string {
  let key = known.get(address);
  if (key === undefined) {
    // Few addresses send most requests: each is worked out once (bounded, oldest forgotten first).
    if (known.size >= 10_000) known.delete(known.keys().next().value!);
    known.set(address, (key = keyOf(address)));
  }
  return key;
}

const known = new Map<string, string>();

function keyOf(address: string): string {
  const text = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped) return mapped[1]!;
  if (!text.includes(':')) return text;
  return `${expandIpv6(text).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(text: string): string[] {
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}

/** The bucket of a bearer token: a prefix of its SHA-256, so no store key and no log line holds a usable token. */
export const tokenKey = (token: string): string => sha256Hex(token).slice(0, 32);
