/* jixiao edit page: add formset rows, the dependent 二级指标 picker, target preview parameters.
 *
 * Rows are added from <template id="row-template-…"> copies: "__fs__" stands for the formset
 * prefix (data-add-row of the button) and "__prefix__" for the new row's index, which is the
 * formset's TOTAL_FORMS. Removing a row ticks its 删除 box (the server drops it on save).
 * 二级指标 options follow the chosen 一级指标 (map from json_script "indicator-taxonomy"); an
 * imported category that does not belong stays selected until the user changes 一级指标.
 */
(function () {
  "use strict";
  const taxonomyNode = document.getElementById("indicator-taxonomy");
  if (!taxonomyNode) return;
  const taxonomy = JSON.parse(taxonomyNode.textContent);
  const allLevel2 = Object.keys(taxonomy.labels).filter((name) => name !== "");

  function option(value, label) {
    const node = document.createElement("option");
    node.value = value;
    node.textContent = label;
    return node;
  }

  /* Rebuild the 二级 options of the row of `level1`; `userChange` drops a 二级 that no longer fits. */
  function syncLevel2(level1, userChange) {
    const row = level1.closest("[data-indicator-row]");
    const level2 = row && row.querySelector("select[data-level2]");
    if (!level2) return;
    const current = level2.value;
    const allowed = level1.value ? taxonomy.children[level1.value] || [] : allLevel2;
    level2.replaceChildren(option("", taxonomy.labels[""]));
    allowed.forEach((name) => level2.appendChild(option(name, taxonomy.labels[name])));
    if (current && !allowed.includes(current) && !userChange) {
      level2.appendChild(option(current, taxonomy.labels[current] + "（原表归类，不属于所选一级指标）"));
    }
    level2.value = current && (allowed.includes(current) || !userChange) ? current : "";
  }

  function addRow(button) {
    const prefix = button.dataset.addRow;
    const template = document.getElementById(button.dataset.template);
    const container = document.querySelector('[data-formset="' + CSS.escape(prefix) + '"]');
    const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !container || !total) return;
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__fs__", prefix).replaceAll("__prefix__", String(index));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = container.lastElementChild;
    if (window.htmx) window.htmx.process(added);
    added.querySelectorAll("select[data-level1]").forEach((select) => syncLevel2(select, false));
    const first = added.querySelector("input:not([type=hidden]):not([type=checkbox]), textarea, select");
    if (first) first.focus();
  }

  document.querySelectorAll("select[data-level1]").forEach((select) => syncLevel2(select, false));

  document.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("select[data-level1]")) syncLevel2(target, true);
    if (target.matches('input[type=checkbox][name$="-DELETE"]')) {
      const row = target.closest("[data-row], [data-indicator-row]");
      if (row) row.classList.toggle("opacity-50", target.checked);
    }
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-row]");
    if (button) addRow(button);
  });

  /* The preview endpoint reads ?text=…&name=…: the typed value and the row's 三级指标. */
  document.body.addEventListener("htmx:configRequest", (event) => {
    const input = event.detail.elt;
    if (!input.matches || !input.matches("[data-target-input]")) return;
    const nameInput = document.getElementById(input.dataset.nameInput);
    const params = event.detail.parameters;
    delete params[input.name];
    params.text = input.value;
    params.name = nameInput ? nameInput.value : "";
  });
})();
