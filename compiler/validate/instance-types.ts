/**
 * What the host rules need to know about EC2 instance types.
 *
 * Bare metal: KVM needs hardware virtualisation, which EC2 exposes only on `*.metal` types (including the sized
 * variants such as `c7i.metal-24xl`).
 *
 * Nitro: every family from generation 5 on is built on the Nitro system (c5, m5zn, r6i, c7gn, hpc7g, ...), as are
 * a few older-named families listed below; every bare-metal type also runs on Nitro hardware. Families that are NOT
 * Nitro are the Xen generation: c1, c3, c4, d2, f1, g3, h1, i2, i3 (except i3.metal), m1-m4, p2, p3 (except
 * p3dn), r3, r4, t1, t2, x1, x1e.
 */
/**
 * family.size, with the sizes EC2 uses: nano to xlarge, <n>xlarge, metal and the sized metal-<n>xl. A size outside
 * these (`m5.xlarge-x`, `c5.larg`) is a typo that would otherwise surface only when the instance is launched.
 */
const INSTANCE_TYPE = /^([a-z][a-z0-9-]*)\.(nano|micro|small|medium|large|xlarge|[1-9][0-9]*xlarge|metal(?:-[1-9][0-9]*xl)?)$/;
export const INSTANCE_SIZES = 'nano, micro, small, medium, large, xlarge, <n>xlarge, metal or metal-<n>xl';
const METAL_SIZE = /^metal(-\d+xl)?$/;

/** Nitro families whose generation digit is below 5. */
const NITRO_BEFORE_GEN5: ReadonlySet<string> = new Set([
  'a1', 'd3', 'd3en', 'dl1', 'dl2q', 'f2', 'g4ad', 'g4dn', 'i3en', 'i4g', 'i4i', 'im4gn', 'inf1', 'inf2', 'is4gen',
  'mac1', 'mac2', 'mac2-m1ultra', 'mac2-m2', 'mac2-m2pro', 'p3dn', 'p4d', 'p4de', 't3', 't3a', 't4g', 'trn1',
  'trn1n', 'trn2', 'vt1', 'x2gd', 'x2idn', 'x2iedn', 'x2iezn', 'z1d',
]);

export function parseInstanceType(type: string): { family: string; size: string } | undefined {
  const match = INSTANCE_TYPE.exec(type);
  return match ? { family: match[1] ?? '', size: match[2] ?? '' } : undefined;
}

export function isMetal(type: string): boolean {
  const parsed = parseInstanceType(type);
  return parsed !== undefined && METAL_SIZE.test(parsed.size);
}

export function isNitro(type: string): boolean {
  const parsed = parseInstanceType(type);
  if (parsed === undefined) return false;
  if (METAL_SIZE.test(parsed.size)) return true;
  if (parsed.family.startsWith('u-') || parsed.family.startsWith('u7')) return true;
  if (NITRO_BEFORE_GEN5.has(parsed.family)) return true;
  const generation = /^[a-z]+(\d+)/.exec(parsed.family)?.[1];
  return generation !== undefined && Number(generation) >= 5;
}
