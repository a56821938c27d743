/**
 * Secret registry for hosts that print text themselves (the CLI). The Actions runner masks
 * registered secrets on its own; we still redact in our own summaries and reports.
 */
export class Redactor {
  private readonly secrets = new Set<string>()

  add(secret: string): void {
    // Very short values would redact ordinary words; the runner ignores them too.
    if (secret.length < 4) return
    this.secrets.add(secret)
    for (const line of secret.split(/\r?\n/))
      if (line.trim().length >= 4) this.secrets.add(line.trim())
  }

  redact(text: string): string {
    let out = text
    // Longest first, so a whole multi-line key is replaced before its single lines.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
      out = out.split(s).join('***')
    return out
  }
}
