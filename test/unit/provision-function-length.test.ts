import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { repoRoot } from '../helpers/action-runner'

// Issue 9: provision reads as a story of named steps. No function (declaration, method, arrow
// or function expression, nested ones included) in src/provision/** or the provision command may
// span more than 80 lines; a longer one is a step that wants its own name.
const LIMIT = 80

interface Span {
  where: string
  lines: number
}

function functionSpans(file: string, text: string): Span[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const spans: Span[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const name =
        node.name?.getText(source) ??
        (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)')
      spans.push({ where: `${file}:${first + 1} ${name}`, lines: last - first + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return spans
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

const files = [
  ...tsFiles(join(repoRoot, 'src', 'provision')),
  join(repoRoot, 'src', 'commands', 'provision.ts')
]

describe('provision: no function over 80 lines', () => {
  it('holds for src/provision/** and src/commands/provision.ts', () => {
    const spans = files.flatMap((f) =>
      functionSpans(relative(repoRoot, f), readFileSync(f, 'utf8'))
    )
    expect(spans.length).toBeGreaterThan(50)
    const tooLong = spans.filter((s) => s.lines > LIMIT).map((s) => `${s.where}: ${s.lines} lines`)
    expect(tooLong).toEqual([])
  })

  it('measures every kind of function, nested ones inside their parents', () => {
    const body = (n: number): string => Array.from({ length: n }, (_, i) => `  f(${i})`).join('\n')
    const text = [
      `export function long() {\n${body(LIMIT - 1)}\n}`,
      `const arrow = async () => {\n${body(3)}\n}`,
      `class C {\n  method() {\n${body(2)}\n  }\n}`,
      `function outer() {\n  const inner = () => {\n${body(LIMIT)}\n  }\n}`
    ].join('\n')
    const spans = functionSpans('x.ts', text)
    expect(spans.map((s) => [s.where.split(' ')[1], s.lines])).toEqual([
      ['long', LIMIT + 1],
      ['arrow', 5],
      ['method', 4],
      ['outer', LIMIT + 4],
      ['inner', LIMIT + 2]
    ])
  })
})
