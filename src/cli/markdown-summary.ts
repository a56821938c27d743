import type { Summary, SummaryCell } from '../common/host'
import type { Redactor } from '../common/redact'

function cellText(cell: SummaryCell): string {
  return (typeof cell === 'string' ? cell : cell.data).replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The CLI's step summary: Markdown, printed at the end of the run and optionally saved. */
export class MarkdownSummary implements Summary {
  private readonly blocks: string[] = []
  private written = 0

  constructor(
    private readonly redactor: Redactor,
    private readonly sink: (markdown: string) => Promise<void>
  ) {}

  heading(text: string, level: 1 | 2 | 3 = 2): Summary {
    this.blocks.push(`${'#'.repeat(level)} ${text}`)
    return this
  }

  paragraph(text: string): Summary {
    this.blocks.push(text)
    return this
  }

  table(header: string[], rows: SummaryCell[][]): Summary {
    const lines = [
      `| ${header.map(cellText).join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${row.map(cellText).join(' | ')} |`)
    ]
    this.blocks.push(lines.join('\n'))
    return this
  }

  list(items: string[]): Summary {
    this.blocks.push(items.map((i) => `- ${i}`).join('\n'))
    return this
  }

  code(text: string, lang = ''): Summary {
    this.blocks.push(`\`\`\`${lang}\n${text}\n\`\`\``)
    return this
  }

  async write(): Promise<void> {
    const fresh = this.blocks.slice(this.written)
    this.written = this.blocks.length
    if (fresh.length > 0) await this.sink(this.redactor.redact(fresh.join('\n\n')) + '\n')
  }
}
