import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'

const KEY = 'shanhai.locale'
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale) {
  i18n.global.locale.value = locale === 'en' ? 'en' : 'zh-CN'
  try { localStorage.setItem(KEY, i18n.global.locale.value) } catch { /* private mode */ }
  document.documentElement.lang = i18n.global.locale.value
}

export const currentLocale = () => i18n.global.locale.value
