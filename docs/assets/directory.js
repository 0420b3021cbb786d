// Directory filters over Pagefind's sharded index: a query downloads only the filter and index
// chunks it needs. Without JavaScript the form stays hidden and the A–Z pages still work.
const form = document.getElementById("tp-filter");
if (form) {
  const status = document.getElementById("tp-filter-status");
  const list = document.getElementById("tp-filter-results");
  const base = new URL("../pagefind/", document.baseURI).href;
  let pagefind;
  form.hidden = false;

  const card = (data) => {
    const item = document.createElement("li");
    item.className = "tp-card";
    const body = document.createElement("div");
    const link = document.createElement("a");
    link.className = "tp-card__name";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const meta = document.createElement("div");
    meta.className = "tp-card__meta";
    meta.textContent = (data.filters.institution || []).join(", ");
    body.append(link, meta);
    item.append(body);
    return item;
  };

  // Department and equipment choices are per institution (a few KB each), fetched once the form is
  // used and again whenever the institution changes; a choice still offered is kept.
  const institution = form.elements.institution;
  const fetched = [...form.querySelectorAll("select[data-tp-fetched]")];
  let choicesFrom = null;
  const loadChoices = async () => {
    const url = institution.selectedOptions[0]?.dataset.tpChoices;
    if (!url || url === choicesFrom) return;
    choicesFrom = url;
    const response = await fetch(url);
    if (!response.ok || choicesFrom !== url) return;
    const choices = await response.json();
    if (choicesFrom !== url) return;  // the visitor chose another institution meanwhile
    for (const select of fetched) {
      const kept = select.value;
      const options = (choices[select.name] || []).map(([value, n]) => new Option(`${value} (${n})`, value));
      select.replaceChildren(new Option("Any", ""), ...options);
      select.value = options.some((o) => o.value === kept) ? kept : "";
    }
  };
  form.addEventListener("focusin", loadChoices);
  institution.addEventListener("change", loadChoices);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await loadChoices();
    const fields = new FormData(form);
    const filters = { type: "Technician" };
    for (const key of ["institution", "department", "skill", "equipment", "registration", "award"]) {
      const value = fields.get(key);
      if (value) filters[key] = value;
    }
    const term = (fields.get("q") || "").trim() || null;
    status.textContent = "Searching…";
    if (!pagefind) {
      pagefind = await import(base + "pagefind.js");
      await pagefind.options({ baseUrl: new URL("../", base).pathname });  // works under a sub-path too
    }
    const search = await pagefind.search(term, { filters });
    const shown = await Promise.all(search.results.slice(0, 60).map((r) => r.data()));
    list.replaceChildren(...shown.map(card));
    list.hidden = shown.length === 0;
    const n = search.results.length;
    status.textContent = n === 0 ? "No technicians match these filters."
      : `${n} technician${n === 1 ? "" : "s"} found${n > 60 ? "; showing the first 60" : ""}.`;
  });

  form.addEventListener("reset", () => {
    setTimeout(loadChoices);  // after the form has put "Any institution" back
    list.replaceChildren();
    list.hidden = true;
    status.textContent = "Filters cleared.";
  });
}
