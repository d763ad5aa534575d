/** 4 for an IPv4 address, 6 for IPv6, 0 otherwise (same contract as node:net's isIP, usable in the browser). */
export function isIP(value: string): 0 | 4 | 6 {
  if (isIPv4(value)) return 4;
  if (isIPv6(value)) return 6;
  return 0;
}

function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(value: string): boolean {
  if (value.length > 45 || !/^[0-9a-f:.]+$/i.test(value)) return false;
  let groups = value.split(':');
  const last = groups.at(-1) ?? '';
  let count = 0;
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = groups.slice(0, -1);
    count += 2;
  }
  const double = value.indexOf('::');
  if (double !== value.lastIndexOf('::')) return false;
  for (let i = 0; i < groups.length; i += 1) {
    const g = groups[i] ?? '';
    if (g === '') {
      // Empty groups only around a single '::'.
      if (double === -1) return false;
      continue;
    }
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return false;
    count += 1;
  }
  return double === -1 ? count === 8 : count < 8;
}
