export function SpecImpactDialog() {
  return null;
}
