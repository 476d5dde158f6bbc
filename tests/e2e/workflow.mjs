#!/usr/bin/env node
// End-to-end walk through the Shanhai web app in Chromium (playwright-core, Debian's /usr/bin/chromium):
// log in → upload a GB18030 CSV on 数据管理 and wait for the import → run admin-penalty-enforcement on
// 模型库 with the given bindings → open a lead on 线索管理 and move it through the whole workflow
// (triage → approve → assign → file → recommend → reply → rectify → close) → log out.
// A screenshot is saved after every step into $E2E_ARTIFACTS (default tests/e2e/artifacts/).
//
// Environment:
//   SHANHAI_URL        base URL of a running `shanhai serve` (required), e.g. http://127.0.0.1:8080
//   SHANHAI_USER       user name (a 检察官 or 系统管理员 of the organisation owning the data)
//   SHANHAI_PASSWORD   password
//   SHANHAI_UPLOAD     path of a GB18030 CSV to upload
//   SHANHAI_DATASET    dataset name for the upload (default: the file name without extension)
//   SHANHAI_BINDINGS   JSON {input: dataset}, e.g. {"penalties":"行政处罚决定","payments":"罚款缴纳记录",...}
//   SHANHAI_FIELDS     optional JSON {"input.field": column} for fields the server does not map by itself,
//                      e.g. {"payments.amount":"缴款金额（元）"}; when the run dialog suggests that very
//                      column, the suggestion is accepted with its 采用 button instead
//   SHANHAI_PARAMS     optional JSON {param: value} typed into the run dialog, e.g. {"as_of":"2024-06-30"}
//   SHANHAI_MODEL      model id (default admin-penalty-enforcement)
//   SHANHAI_REGISTRY   optional JSON: then also 模型共享 — {model, publisher: {user, password},
//                      reviewer: {user, password}, installer: {user, password, orgName},
//                      uploads: [{file, name}], bindings, fields, params}: the publisher submits the
//                      model for paired procuratorates, the reviewer approves it, the installer (of a
//                      paired procuratorate) installs it, uploads its own data, runs it and sees the usage
//   CHROMIUM           browser binary (default /usr/bin/chromium); HEADED=1 to watch
// Exits 0 when every step passed, non-zero with a message naming the failed step otherwise.
import { createRequire } from 'node:module'
import { mkdirSync, writeFileSync, existsSync } from 'node:fs'
import { basename, extname, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
// playwright-core is a devDependency of web/ (one lock file for the front end and its tests).
const require = createRequire(resolve(here, '../../web/package.json'))
let chromium
try {
  ;({ chromium } = require('playwright-core'))
} catch {
  console.error('e2e: playwright-core 未安装，请先运行 bash scripts/web build / playwright-core is missing: run `bash scripts/web build` first')
  process.exit(2)
}

function env(name, fallback) {
  const v = process.env[name]
  if (v == null || v === '') {
    if (fallback !== undefined) return fallback
    console.error(`e2e: 缺少环境变量 ${name} / missing environment variable ${name}`)
    process.exit(2)
  }
  return v
}
function json(name, fallback) {
  const raw = process.env[name]
  if (!raw) return fallback
  try { return JSON.parse(raw) } catch (e) {
    console.error(`e2e: ${name} 不是合法的 JSON / ${name} is not valid JSON: ${e.message}`)
    process.exit(2)
  }
}

const BASE = env('SHANHAI_URL').replace(/\/+$/, '')
const USER = env('SHANHAI_USER')
const PASSWORD = env('SHANHAI_PASSWORD')
const UPLOAD = resolve(env('SHANHAI_UPLOAD'))
const DATASET = env('SHANHAI_DATASET', basename(UPLOAD, extname(UPLOAD)))
const BINDINGS = json('SHANHAI_BINDINGS', {})
const FIELDS = json('SHANHAI_FIELDS', {})
const PARAMS = json('SHANHAI_PARAMS', {})
const MODEL = env('SHANHAI_MODEL', 'admin-penalty-enforcement')
const REGISTRY = json('SHANHAI_REGISTRY', null)
// 身份关联: {model, uploads: [{file, name}], bindings} — uploads the files, runs the model, opens
// a lead with a possible match, screenshots the waterfall of match weights, confirms the pair and
// finds the decision in the lead's history.
const LINKAGE = json('SHANHAI_LINKAGE', null)
const ART = resolve(env('E2E_ARTIFACTS', resolve(here, 'artifacts')))
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000)
const JOB_TIMEOUT = Number(process.env.E2E_JOB_TIMEOUT_MS || 180000)

if (!existsSync(UPLOAD)) {
  console.error(`e2e: 上传文件不存在 / upload file not found: ${UPLOAD}`)
  process.exit(2)
}
mkdirSync(ART, { recursive: true })

const log = []
let shot = 0
let page
let current = 'start'

async function snap(name) {
  shot += 1
  const file = resolve(ART, `${String(shot).padStart(2, '0')}-${name}.png`)
  await page.screenshot({ path: file })
  return file
}

async function step(name, fn) {
  current = name
  const t0 = Date.now()
  await fn()
  const file = await snap(name)
  if (process.env.E2E_VERBOSE) console.log(`ok ${name} (${Date.now() - t0} ms) ${file}`)
}

const byId = (id) => page.locator(`[data-testid="${id}"]`)
const exact = (s) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)

/** Waits for a job shown by JobProgress to end; throws with the job's error when it did not succeed. */
async function waitJob(scope) {
  const state = scope.locator('[data-testid="job-state"]')
  await state.waitFor({ timeout: TIMEOUT })
  await page.waitForFunction((el) => ['succeeded', 'failed', 'cancelled'].includes(el.dataset.state), await state.elementHandle(), { timeout: JOB_TIMEOUT })
  const s = await state.getAttribute('data-state')
  await page.waitForTimeout(700) // progress bar transition, for the screenshot
  if (s !== 'succeeded') {
    const err = await scope.locator('[data-testid="job-error"]').textContent().catch(() => '')
    throw new Error(`任务未成功 / job ${s}: ${err || ''}`)
  }
}

async function login(user, password) {
  await page.goto(`${BASE}/login`)
  await byId('login-username').fill(user)
  await byId('login-password').fill(password)
  await byId('login-submit').click()
  await Promise.race([
    byId('page-dashboard').waitFor(),
    byId('login-error').waitFor().then(async () => { throw new Error(`登录失败 / login failed (${user}): ${await byId('login-error').textContent()}`) }),
  ])
  await page.locator('[data-testid="chart-status"] canvas').first().waitFor()
  await page.waitForTimeout(600) // chart animation
}

async function logout() {
  await page.keyboard.press('Escape')
  await byId('logout').click()
  await byId('login-submit').waitFor()
}

/** Uploads a file on 数据管理 as dataset `name` and waits for its import. */
async function upload(file, name) {
  await byId('menu-datasets').click()
  await byId('page-datasets').waitFor()
  await byId('dataset-upload').click()
  await byId('upload-file').setInputFiles(file)
  await byId('upload-name').fill(name)
  await byId('upload-submit').click()
  await waitJob(byId('upload-dialog'))
  await byId('upload-done').waitFor()
}

async function closeUpload(name) {
  await page.locator('.el-dialog__headerbtn:visible').first().click()
  await byId(`dataset-${name}`).waitFor()
}

/** Opens the run dialog of the model shown and binds inputs, fields and parameters. */
async function bind(bindings, fields, params) {
  await byId('model-run').click()
  await byId('run-dialog').waitFor()
  for (const [input, dataset] of Object.entries(bindings)) {
    await chooseOption(byId(`bind-input-${input}`).locator('.el-select'), `sh-pop-input-${input}`, dataset)
    await byId(`bind-fields-${input}`).waitFor()
  }
  for (const [key, column] of Object.entries(fields)) {
    const [input, field] = key.split('.')
    // The mapping suggestion for the field, when it proposes this column, is confirmed with
    // its "采用" button; otherwise the column is chosen by hand.
    const suggestion = page.locator(`[data-testid="suggest-${key}"]`)
    const suggested = await suggestion.waitFor({ timeout: 5000 }).then(() => true, () => false)
    if (suggested && (await suggestion.innerText()).includes(column)) {
      await snap('run-suggestion')
      await byId(`suggest-accept-${key}`).click()
      console.log(`  ${key}: 采用建议 accepted the suggested column ${column}`)
    } else {
      await chooseOption(page.locator(`[data-testid="bind-column-${key}"]`), `sh-pop-col-${input}-${field}`, column)
    }
    await page.waitForTimeout(300) // the binding preview runs again
  }
  for (const [name, value] of Object.entries(params)) {
    const input = byId(`param-${name}`).locator('input').first()
    await input.fill(String(value))
    await input.press('Enter')
  }
  await page.waitForTimeout(300)
  await page.locator('[data-testid="run-start"]:not(.is-loading)').waitFor()
  const missing = await page.locator('[data-testid="run-dialog"] [data-testid="bind-missing"]').count()
  if (missing) throw new Error(`有 ${missing} 个必需字段未对应 / ${missing} required fields are not mapped`)
}

async function chooseOption(trigger, popperClass, text) {
  await trigger.click()
  const item = page.locator(`.${popperClass} .el-select-dropdown__item`).filter({ hasText: exact(text) })
  await item.first().click({ timeout: TIMEOUT })
}

const WORKFLOW = [
  { action: 'triage', to: 'triaged' },
  { action: 'approve', to: 'approved' },
  { action: 'assign', to: 'verifying', fields: { handler: USER } },
  { action: 'file', to: 'filed', attach: true },
  { action: 'recommend', to: 'recommended', fields: { document_no: `检建〔${new Date().getFullYear()}〕E2E${Date.now() % 100000}号` } },
  { action: 'reply', to: 'replied' },
  { action: 'rectify', to: 'rectified' },
  { action: 'close', to: 'closed' },
]

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: !process.env.HEADED,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'].filter((a) => a !== '--headless' || !process.env.HEADED),
})
let failed = null
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })
  page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)
  page.on('console', (m) => { if (m.type() === 'error') log.push(`[console] ${m.text()}`) })
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`))
  page.on('response', (r) => { if (r.url().includes('/api/') && r.status() >= 400) log.push(`[http ${r.status()}] ${r.request().method()} ${r.url()}`) })

  await step('login', () => login(USER, PASSWORD))
  await step('upload', () => upload(UPLOAD, DATASET))
  await step('dataset-list', () => closeUpload(DATASET))

  await step('model-detail', async () => {
    await byId('menu-models').click()
    await byId(`model-${MODEL}`).click()
    await byId('page-model-detail').waitFor()
    await byId('model-readme').locator('h1, h2').first().waitFor()
  })

  await step('run-binding', () => bind(BINDINGS, FIELDS, PARAMS))

  await step('run', async () => {
    await byId('run-start').click()
    await waitJob(byId('run-dialog'))
    await byId('run-done').waitFor()
  })

  await step('leads', async () => {
    await byId('run-view-leads').click()
    await byId('page-leads').waitFor()
    // Only leads still waiting for triage, so that a second run of this script picks a fresh one.
    await page.goto(`${BASE}/leads?model=${encodeURIComponent(MODEL)}&status=new`)
    await byId('page-leads').waitFor()
    const first = page.locator('[data-testid^="lead-open-"]').first()
    await first.waitFor({ timeout: TIMEOUT }).catch(() => { throw new Error('没有待核查的线索 / no lead in status new') })
    // The status tags fade in; the screenshot should show them.
    await page.locator('[data-testid="lead-row-status"]', { hasText: '待核查' }).first().waitFor()
    await page.waitForTimeout(400)
  })

  await step('lead-detail', async () => {
    await page.locator('[data-testid^="lead-open-"]').first().click()
    await page.locator('[data-testid="lead-status"][data-status="new"]').waitFor()
    await byId('lead-evidence').first().waitFor()
    await page.waitForTimeout(500) // drawer animation
  })

  const attachment = resolve(ART, 'e2e-附件.txt')
  writeFileSync(attachment, '端到端测试附件 / e2e attachment\n')
  for (const w of WORKFLOW) {
    await step(`action-${w.action}`, async () => {
      await byId(`lead-action-${w.action}`).click()
      const form = page.locator(`[data-testid="action-form"][data-action="${w.action}"]`)
      await form.waitFor()
      for (const [field, value] of Object.entries(w.fields || {})) {
        await form.locator(`[data-testid="action-field-${field}"]`).locator('input, textarea').first().fill(value)
      }
      await form.locator('[data-testid="action-field-comment"] textarea').fill(`端到端测试：${w.action}`)
      if (w.attach) await form.locator('[data-testid="action-attachments"]').setInputFiles(attachment)
      await form.locator('label').first().click() // closes the handler suggestions, if any
      await page.locator('.el-dialog:visible [data-testid="action-submit"]').click()
      await page.locator(`[data-testid="lead-status"][data-status="${w.to}"]`).waitFor()
      await form.waitFor({ state: 'hidden' })
      if (w.action === 'assign') {
        const handler = (await byId('lead-handler').textContent() || '').trim()
        if (handler && !handler.includes(USER)) throw new Error(`承办人应为 ${USER}，实为 ${handler} / handler is ${handler}, not ${USER}`)
      }
      if (w.attach) await byId('lead-attachment').first().waitFor()
    })
  }

  await step('timeline', async () => {
    const n = await byId('lead-timeline').locator('.el-timeline-item').count()
    if (n < WORKFLOW.length) throw new Error(`处置记录只有 ${n} 条 / only ${n} workflow events shown`)
    await byId('lead-timeline').scrollIntoViewIfNeeded()
  })

  await step('dashboard', async () => {
    await page.keyboard.press('Escape')
    await page.goto(`${BASE}/`)
    await byId('page-dashboard').waitFor()
    for (const chart of ['chart-status', 'chart-conversion', 'chart-models', 'chart-monthly']) {
      await byId(chart).locator('canvas').first().waitFor()
    }
    await page.waitForTimeout(1200) // chart animations, for the screenshot
  })

  if (LINKAGE) {
    for (const [i, u] of LINKAGE.uploads.entries()) {
      await step(`linkage-upload-${i + 1}`, async () => {
        await upload(resolve(u.file), u.name)
        await closeUpload(u.name)
      })
    }
    await step('linkage-run', async () => {
      await page.goto(`${BASE}/models/${LINKAGE.model}`)
      await byId('page-model-detail').waitFor()
      await bind(LINKAGE.bindings, LINKAGE.fields || {}, LINKAGE.params || {})
      await byId('run-start').click()
      await waitJob(byId('run-dialog'))
      await byId('run-done').waitFor()
    })
    await step('linkage-waterfall', async () => {
      await page.keyboard.press('Escape')
      await page.goto(`${BASE}/leads?model=${encodeURIComponent(LINKAGE.model)}`)
      await byId('page-leads').waitFor()
      const rows = page.locator('[data-testid^="lead-open-"]')
      await rows.first().waitFor({ timeout: TIMEOUT })
      const n = await rows.count()
      let found = false
      for (let i = 0; i < n && !found; i++) {
        await rows.nth(i).click()
        await byId('lead-drawer').waitFor()
        await byId('lead-link').first().waitFor({ timeout: TIMEOUT })
        found = (await page.locator('[data-testid="lead-link"][data-class="possible"]').count()) > 0
        if (!found) {
          await page.keyboard.press('Escape')
          await byId('lead-drawer').waitFor({ state: 'hidden' })
        }
      }
      if (!found) throw new Error('没有可能匹配的线索 / no lead with a possible match')
      const link = page.locator('[data-testid="lead-link"][data-class="possible"]').first()
      await link.locator('[data-testid="lead-link-waterfall"] canvas').first().waitFor()
      await link.scrollIntoViewIfNeeded()
      await page.waitForTimeout(600) // drawer animation, for the screenshot
    })
    await step('linkage-confirm', async () => {
      const link = page.locator('[data-testid="lead-link"][data-class="possible"]').first()
      await link.locator('[data-testid="lead-link-confirm"]').click()
      const box = page.locator('.el-message-box:visible')
      await box.locator('textarea').fill('端到端测试：户籍核对为同一人')
      await box.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-testid="lead-link-pending"]').first().waitFor()
      await page.locator('[data-testid="lead-link-pending"]').first().scrollIntoViewIfNeeded()
      await page.waitForTimeout(300)
    })
    await step('linkage-timeline', async () => {
      // The decision is in the lead's history in words: step, verdict, the start of the pair key.
      const item = byId('lead-timeline').locator('.el-timeline-item', { hasText: '记录对标识' }).last()
      await item.waitFor({ timeout: TIMEOUT })
      const text = await item.innerText()
      if (!text.includes('判断：经人工确认') || !text.includes('户籍核对为同一人') || /decision|pair_key/.test(text)) {
        throw new Error(`时间线中的关联判断不可读 / the timeline shows the decision unreadably: ${text}`)
      }
      await item.scrollIntoViewIfNeeded()
      await page.waitForTimeout(300)
    })
    await page.keyboard.press('Escape')
  }

  await step('logout', logout)

  if (REGISTRY) {
    // 模型共享: a model administrator submits the model for listing to paired procuratorates,
    // a reviewer above approves it against the checklist, a model administrator of the paired
    // (assisted) procuratorate installs it, uploads local data and runs it.
    const R = REGISTRY
    await step('registry-publisher-login', () => login(R.publisher.user, R.publisher.password))
    await step('registry-diagram', async () => {
      await page.goto(`${BASE}/models/${R.model}`)
      await byId('page-model-detail').waitFor()
      await page.locator('.el-tabs__item', { hasText: '模型导图' }).click()
      await byId('model-diagram').locator('canvas').first().waitFor()
      await page.waitForTimeout(800)
    })
    await step('registry-submit', async () => {
      await byId('model-publish').click()
      await byId('publish-dialog').waitFor()
      await byId('publish-scope').locator('label', { hasText: '含结对院' }).click()
      await byId('publish-note').fill('端到端测试：申请上架到结对院')
      await byId('publish-submit').click()
      await page.locator('.el-message--success').first().waitFor()
    })
    await step('registry-publisher-logout', logout)

    await step('registry-review', async () => {
      await login(R.reviewer.user, R.reviewer.password)
      await byId('menu-registry').click()
      await byId('page-registry').waitFor()
      await page.locator('.el-tabs__item', { hasText: '上架审核' }).click()
      await page.locator('[data-testid^="review-open-"]').first().click()
      await byId('review-dialog').waitFor()
      for (const item of ['necessity', 'feasibility', 'accuracy']) {
        await byId(`check-comment-${item}`).fill(`端到端测试：${item} 符合要求`)
      }
      await byId('review-comment').fill('同意在结对院上架')
    })
    await step('registry-approved', async () => {
      await byId('review-submit').click()
      await page.locator('[data-testid^="submission-status-"]', { hasText: '已上架' }).first().waitFor()
    })
    await step('registry-reviewer-logout', logout)

    await step('registry-install', async () => {
      await login(R.installer.user, R.installer.password)
      await byId('menu-registry').click()
      await byId(`install-${R.model}`).click()
      await byId(`installed-${R.model}`).waitFor()
      await byId(`favourite-${R.model}`).click()
      await page.waitForTimeout(300)
    })
    for (const [i, u] of R.uploads.entries()) {
      await step(`registry-upload-${i + 1}`, async () => {
        await upload(resolve(u.file), u.name)
        await closeUpload(u.name)
      })
    }
    await step('registry-run-binding', async () => {
      await page.goto(`${BASE}/models/${R.model}`)
      await byId('page-model-detail').waitFor()
      await bind(R.bindings, R.fields || {}, R.params || {})
    })
    await step('registry-run', async () => {
      await byId('run-start').click()
      await waitJob(byId('run-dialog'))
      await byId('run-done').waitFor()
    })
    await step('registry-usage', async () => {
      await page.keyboard.press('Escape')
      await byId('menu-registry').click()
      await byId(`listing-detail-${R.model}`).click()
      const table = byId('usage-table')
      await table.waitFor()
      // The installing procuratorate's row shows its run.
      await table.locator('tr', { hasText: R.installer.orgName }).locator('td').nth(2).filter({ hasText: /^\s*[1-9]/ }).waitFor()
      await page.waitForTimeout(500) // drawer animation, for the screenshot
    })
    await step('registry-logout', logout)
  }
} catch (e) {
  failed = e
  try { await snap(`failure-${current}`) } catch { /* no page */ }
} finally {
  await browser.close()
}

if (log.length) writeFileSync(resolve(ART, 'browser.log'), log.join('\n') + '\n')
if (failed) {
  console.error(`e2e 失败于步骤「${current}」/ e2e failed at step "${current}": ${failed.message.split('\n')[0]}`)
  if (log.length) console.error(log.slice(-10).join('\n'))
  console.error(`截图 / screenshots: ${ART}`)
  process.exit(1)
}
console.log(`e2e: ${shot} steps passed; screenshots in ${ART}`)
