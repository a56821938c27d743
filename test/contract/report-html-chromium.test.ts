import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { buildReport } from '../../src/report/build'
import { renderHtml } from '../../src/report/html'
import { night } from '../helpers/bench-records'

// The HTML report in the real headless Chromium from Debian: no console errors, no request
// beyond the file itself, the charts drawn, the tables there with JavaScript off.

const CHROMIUM = '/usr/bin/chromium'
let browser: Browser
let file: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rk1-html-'))
  const history = [...Array(10).keys()].flatMap((n) =>
    night({ night: n, slow: n >= 8 ? { distro: 'k3s', node: 'rk1-2', factor: 1.12 } : undefined })
  )
  const model = buildReport({
    current: night({ night: 10, slow: { distro: 'k3s', node: 'rk1-2', factor: 1.12 } }),
    history,
    bad: [{ file: 'x.json', problem: 'truncated or not JSON' }],
    historyNotes: []
  })
  file = join(dir, 'report.html')
  writeFileSync(file, renderHtml(model))
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
    // launch() gives Chromium a fresh temporary --user-data-dir of its own and removes it after.
  })
})

afterAll(async () => {
  await browser?.close()
})

describe('HTML report in headless Chromium', () => {
  test('renders with no console error and no network request; charts are drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(String(e)))
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
    expect(problems).toEqual([])
    expect(requests).toEqual([pathToFileURL(file).href])
    const bars = await page.$$eval('svg.bars rect.bar', (els) =>
      els.map((e) => e.getBoundingClientRect().width)
    )
    expect(bars.length).toBeGreaterThan(10)
    expect(bars.every((w) => w > 0)).toBe(true)
    const lines = await page.$$eval('svg.line path', (els) =>
      els.map((e) => (e as unknown as { getTotalLength(): number }).getTotalLength())
    )
    expect(lines.length).toBeGreaterThan(10)
    expect(lines.every((l) => l > 10)).toBe(true)
    const regressionLines = await page.$$eval(
      'figure.trend b',
      (els) => els.filter((e) => e.textContent === 'regression').length
    )
    expect(regressionLines).toBeGreaterThan(0)
    const baselines = await page.$$eval('svg.line line.baseline', (els) => els.length)
    expect(baselines).toBeGreaterThan(0)
    await page.screenshot({ path: join(file, '..', 'report.png'), fullPage: false })
  })

  test('tables are readable with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(pathToFileURL(file).href)
    const headers = await page.$$eval('h2', (els) => els.map((e) => e.textContent))
    expect(headers).toEqual(
      expect.arrayContaining(['Talos vs K3s', 'Claims check', 'Alerts', 'Records left out'])
    )
    const cells = await page.$$eval('table tr', (rows) => rows.length)
    expect(cells).toBeGreaterThan(30)
    await context.close()
  })
})
