// A replay of the Actions runner's masking rule: every registered value is masked whole and each
// of its lines on its own (split at CR/LF, trimmed, empty lines dropped), in every log line.
export class RunnerMasker {
  readonly values = new Set<string>()

  add = (secret: string): void => {
    const whole = secret.trim()
    if (!whole) return
    this.values.add(whole)
    for (const line of whole.split(/[\r\n]+/)) if (line.trim()) this.values.add(line.trim())
  }

  mask(log: string): string {
    const longest = [...this.values].sort((a, b) => b.length - a.length)
    return log
      .split('\n')
      .map((line) => longest.reduce((l, s) => l.split(s).join('***'), line))
      .join('\n')
  }
}
