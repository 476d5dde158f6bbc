// Model READMEs are Markdown written by model authors, possibly from other procuratorates:
// raw HTML is disabled and only http(s), mailto and relative links are kept.
import MarkdownIt from 'markdown-it'

const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false })

const SAFE = /^(https?:|mailto:|#|\/|\.\/|\.\.\/)/i
md.validateLink = (url) => SAFE.test(String(url).trim()) || !/^[a-z][a-z0-9+.-]*:/i.test(String(url).trim())

const defaultLinkOpen = md.renderer.rules.link_open ||
  ((tokens, idx, options, env, self) => self.renderToken(tokens, idx, options))
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank')
  tokens[idx].attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

export function renderMarkdown(text) {
  return md.render(text || '')
}
