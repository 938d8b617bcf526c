// The export page's "select all" box, bound here rather than in an onchange attribute,
// which the Content Security Policy forbids (no inline script). It ticks or clears every
// field box of the page, as django-import-export's own handler does.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-toggle");
  if (!toggle) {
    return;
  }
  toggle.addEventListener("change", () => {
    document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]').forEach((box) => {
      box.checked = toggle.checked;
    });
  });
});
