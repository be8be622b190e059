/**
 * Storage quantity arithmetic on top of core's `resource.Quantity` model: bytes of a request,
 * whole-GiB rounding as the EBS CSI driver does.
 * @see ebs-csi pkg/util/util.go RoundUpBytes; core api/quantity.ts
 */
import { parseQuantity, quantityValue, tryParseQuantity } from '@kubesim/core';

/** One GiB in bytes. */
export const GIB = 2 ** 30;

/** Bytes of a quantity (`1Gi`, `500M`, `1e9`); undefined when it does not parse. */
export function parseBytes(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  if (typeof tryParseQuantity(q) === 'string') return undefined;
  return Number(quantityValue(parseQuantity(q)));
}

/** Whole GiB, rounded up (`RoundUpBytes` / `BytesToGiB`). */
export function roundUpGiB(bytes: number): number {
  return Math.ceil(bytes / GIB);
}

/** `<n>Gi` quantity string. */
export function gibQuantity(gib: number): string {
  return `${gib}Gi`;
}
