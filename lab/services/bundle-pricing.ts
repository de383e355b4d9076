/**
 * Bundle prices (behind FEATURE_BUNDLE_PRICING): products sold in bundles get the bundle's discount per full
 * bundle. The defect the lab injects lives here: products that belong to no bundle have no entry, and the
 * discount is read from it unguarded, so ordering any of them throws a TypeError.
 */
interface Bundle {
  size: number;
  discount: number;
}

const BUNDLES: Record<string, Bundle> = { 'sku-1001': { size: 3, discount: 0.1 }, 'sku-1004': { size: 2, discount: 0.05 } };

export function bundlePrice(productId: string, quantity: number, unitPrice: number): number {
  const bundle = BUNDLES[productId] as Bundle;
  const full = Math.floor(quantity / bundle.size);
  return Math.round((quantity * unitPrice - full * bundle.size * unitPrice * bundle.discount) * 100) / 100;
}
