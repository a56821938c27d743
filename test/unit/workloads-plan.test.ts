// Plan mode: deployed release vs desired chart and values, rendered as Markdown.
import { describe, expect, test } from '@jest/globals'
import { metallb } from '../../src/workloads/components/metallb'
import { kubePrometheusStack } from '../../src/workloads/components/monitoring'
import { diffValues } from '../../src/workloads/diff'
import { planComponent } from '../../src/workloads/plan'
import { renderPlanMarkdown } from '../../src/workloads/plan-markdown'
import type { HelmRelease } from '../../src/kube/helm'

const release = (chart: string, status = 'deployed'): HelmRelease => ({
  name: 'prometheus',
  namespace: 'monitoring',
  revision: '3',
  status,
  chart,
  app_version: 'x'
})

describe('plan', () => {
  test('value diffs are dotted paths; key order does not count, arrays compare whole', () => {
    expect(
      diffValues(
        { a: { x: 1, list: [{ p: 1, q: 2 }] }, gone: true },
        { a: { x: 2, list: [{ q: 2, p: 1 }] }, added: 'y' }
      )
    ).toEqual([
      { path: 'a.x', before: 1, after: 2 },
      { path: 'added', after: 'y' },
      { path: 'gone', before: true }
    ])
  })

  test('install, unchanged, upgrade by version, by values, and a failed release', () => {
    const desired = { component: kubePrometheusStack, version: '88.5.3', values: { r: '15d' } }
    expect(planComponent(desired, undefined, undefined)).toMatchObject({
      action: 'install',
      changes: [{ path: 'r', after: '15d' }]
    })
    const current = release('kube-prometheus-stack-88.5.3')
    expect(planComponent(desired, current, { r: '15d' })).toMatchObject({ action: 'unchanged' })
    expect(
      planComponent(desired, release('kube-prometheus-stack-66.3.1'), { r: '15d' })
    ).toMatchObject({ action: 'upgrade', fromVersion: '66.3.1', toVersion: '88.5.3', changes: [] })
    expect(planComponent(desired, current, { r: '10d' })).toMatchObject({
      action: 'upgrade',
      changes: [{ path: 'r', before: '10d', after: '15d' }]
    })
    expect(
      planComponent(desired, release('kube-prometheus-stack-88.5.3', 'failed'), { r: '15d' })
    ).toMatchObject({ action: 'upgrade', releaseStatus: 'failed' })
  })

  test('Markdown: a table per run and a table of value changes per upgraded component', () => {
    const md = renderPlanMarkdown([
      planComponent({ component: metallb, version: '0.16.1', values: {} }, undefined, undefined),
      planComponent(
        { component: kubePrometheusStack, version: '88.5.3', values: { a: { b: 'x|y' } } },
        release('kube-prometheus-stack-88.5.0'),
        { a: { b: 'old' } }
      )
    ])
    expect(md).toBe(
      [
        '## deploy-workloads plan',
        '',
        '2 of 2 components would change.',
        '',
        '| component | release | action | value changes |',
        '| --- | --- | --- | --- |',
        '| metallb | metallb-system/metallb | install 0.16.1 | all (new) |',
        '| kube-prometheus-stack | monitoring/prometheus | upgrade 88.5.0 → 88.5.3 | 1 |',
        '',
        '### kube-prometheus-stack',
        '',
        '| value | deployed | would be |',
        '| --- | --- | --- |',
        '| `a.b` | `"old"` | `"x\\|y"` |',
        ''
      ].join('\n')
    )
  })

  test('Markdown says when nothing would change', () => {
    const p = planComponent(
      { component: metallb, version: '0.16.1', values: {} },
      { ...release('metallb-0.16.1'), name: 'metallb', namespace: 'metallb-system' },
      {}
    )
    expect(renderPlanMarkdown([p])).toContain(
      'Nothing would change: every release matches its pinned chart and values.'
    )
  })
})
