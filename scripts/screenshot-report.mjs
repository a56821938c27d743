// Screenshot of an HTML report in Debian's headless Chromium (playwright-core), for the README:
//   node scripts/screenshot-report.mjs .rk1/demo/report/report.html docs/demo-report.png
// The page makes no request (its CSP is default-src 'none'); the browser runs without network
// features, a fresh temporary profile, and is closed at the end.
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { chromium } from 'playwright-core'

const [html, png, height = '1100'] = process.argv.slice(2)
if (!html || !png) {
  console.error('Usage: node scripts/screenshot-report.mjs <report.html> <out.png> [height]')
  process.exit(2)
}
const browser = await chromium.launch({
  executablePath: process.env.RK1_CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
  ]
})
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: Number(height) } })
  await page.goto(pathToFileURL(resolve(html)).href, { waitUntil: 'load' })
  await page.screenshot({ path: png, fullPage: false })
  console.log(`wrote ${png}`)
} finally {
  await browser.close()
}
