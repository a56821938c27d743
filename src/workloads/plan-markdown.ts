// Renders a plan as Markdown for the step summary and pull-request comments.
import type { ComponentPlan } from './plan'

const MAX_CHANGES = 40

const show = (v: unknown): string =>
  v === undefined ? '(unset)' : `\`${JSON.stringify(v).replace(/`/g, "'").replace(/\|/g, '\\|')}\``

function actionText(p: ComponentPlan): string {
  if (p.action === 'install') return `install ${p.toVersion}`
  if (p.action === 'unchanged') return 'no change'
  const version = p.fromVersion === p.toVersion ? p.toVersion : `${p.fromVersion} → ${p.toVersion}`
  const status = p.releaseStatus ? ` (release is ${p.releaseStatus})` : ''
  return `upgrade ${version}${status}`
}

export function renderPlanMarkdown(plans: ComponentPlan[]): string {
  const changed = plans.filter((p) => p.action !== 'unchanged')
  const lines = ['## deploy-workloads plan', '']
  lines.push(
    changed.length === 0
      ? 'Nothing would change: every release matches its pinned chart and values.'
      : `${changed.length} of ${plans.length} components would change.`,
    '',
    '| component | release | action | value changes |',
    '| --- | --- | --- | --- |'
  )
  for (const p of plans)
    lines.push(
      `| ${p.name} | ${p.namespace}/${p.release} | ${actionText(p)} | ${p.action === 'install' ? 'all (new)' : p.changes.length} |`
    )
  for (const p of changed.filter((c) => c.action === 'upgrade' && c.changes.length > 0)) {
    lines.push('', `### ${p.name}`, '', '| value | deployed | would be |', '| --- | --- | --- |')
    for (const c of p.changes.slice(0, MAX_CHANGES))
      lines.push(`| \`${c.path}\` | ${show(c.before)} | ${show(c.after)} |`)
    if (p.changes.length > MAX_CHANGES)
      lines.push('', `…and ${p.changes.length - MAX_CHANGES} more changes.`)
  }
  return lines.join('\n') + '\n'
}
