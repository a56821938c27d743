/** Kubernetes timestamps: RFC 3339 in UTC, whole seconds (as the real API server writes them). */
export function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z')
}
