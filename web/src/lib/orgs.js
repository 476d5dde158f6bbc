// Organisation list → tree for el-tree. Pure.
export function orgTree(orgs) {
  const byCode = new Map()
  for (const o of orgs || []) byCode.set(o.code, { ...o, label: o.name, children: [] })
  const roots = []
  for (const node of byCode.values()) {
    const parent = node.parent && byCode.get(node.parent)
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list) => { list.sort((a, b) => String(a.code).localeCompare(String(b.code))); list.forEach((n) => sort(n.children)) }
  sort(roots)
  return roots
}
