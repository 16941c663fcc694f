/**
 * Two accessibility fixes for Redoc 2.5's markup, applied as it renders (axe-core reports both as
 * serious; neither has an option):
 * - code samples are scrollable `<pre>`s that the keyboard cannot reach: they get tabindex=0, as
 *   do the catalog's markdown tables, which scroll sideways where the middle panel is narrow;
 * - a side-menu entry with an open submenu has `aria-label` set to its own title only, so its
 *   accessible name leaves out the visible text of the submenu: the label goes, and the name
 *   comes from the content, as for any list item.
 */
const fix = () => {
  for (const pre of document.querySelectorAll(
    '#redoc pre:not([tabindex]), #redoc .redoc-markdown table:not([tabindex])',
  ))
    pre.setAttribute('tabindex', '0');
  for (const item of document.querySelectorAll('#redoc li[role="menuitem"][aria-label]')) {
    if (item.querySelector(':scope > ul')) item.removeAttribute('aria-label');
  }
};
new MutationObserver(fix).observe(document.getElementById('redoc') ?? document.body, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['aria-label'],
});
