import * as core from '@actions/core'
import type { Summary, SummaryCell } from '../common/host'
import { escapeHtml } from '../common/html'
import type { Redactor } from '../common/redact'

/** Step summary through @actions/core, with every value escaped and redacted. */
export class ActionsSummary implements Summary {
  constructor(private readonly redactor: Redactor) {}

  private clean(text: string): string {
    return escapeHtml(this.redactor.redact(text))
  }

  heading(text: string, level: 1 | 2 | 3 = 2): Summary {
    core.summary.addHeading(this.clean(text), level)
    return this
  }

  paragraph(text: string): Summary {
    core.summary.addRaw(`<p>${this.clean(text)}</p>`, true)
    return this
  }

  table(header: string[], rows: SummaryCell[][]): Summary {
    const head = header.map((h) => ({ data: this.clean(h), header: true }))
    const body = rows.map((row) =>
      row.map((cell) =>
        typeof cell === 'string'
          ? this.clean(cell)
          : { data: this.clean(cell.data), header: cell.header ?? false }
      )
    )
    core.summary.addTable([head, ...body])
    return this
  }

  list(items: string[]): Summary {
    core.summary.addList(items.map((i) => this.clean(i)))
    return this
  }

  code(text: string, lang?: string): Summary {
    core.summary.addCodeBlock(this.clean(text), lang)
    return this
  }

  async write(): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    await core.summary.write()
  }
}
