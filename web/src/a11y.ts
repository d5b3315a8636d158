// Ant Design's selects render their option list as an unnamed `role="listbox"` (rc-select gives it
// no label), which screen readers announce as a nameless list and axe reports as serious. This
// names each such list after its select's own label, whenever one appears.
function nameListboxes(root: ParentNode): void {
  for (const list of root.querySelectorAll<HTMLElement>('[role="listbox"]:not([aria-label]):not([aria-labelledby])')) {
    const select = list.id
      ? document.querySelector<HTMLInputElement>(`[aria-controls="${CSS.escape(list.id)}"]`)
      : null;
    const name = select?.labels?.[0]?.textContent ?? select?.getAttribute('aria-label');
    if (name) list.setAttribute('aria-label', name);
  }
}

export function nameSelectListboxes(): void {
  new MutationObserver(() => nameListboxes(document)).observe(document.body, { childList: true, subtree: true });
}
