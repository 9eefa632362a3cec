// The one place sites are ordered for display: the primary site first, then
// the others in inventory order. Every page lists sites in this order.
export function primaryFirst<T extends { role: string }>(sites: readonly T[]): T[] {
  return [...sites.filter((site) => site.role === 'primary'), ...sites.filter((site) => site.role !== 'primary')];
}
