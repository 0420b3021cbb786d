// Full-text search over the Pagefind index written at build time. Loads nothing from other hosts.
const form = document.querySelector("#tp-search form");
const input = document.getElementById("tp-search-input");
const status = document.getElementById("tp-search-status");
const list = document.getElementById("tp-search-results");
const base = new URL("../pagefind/", document.baseURI).href;
let pagefind;

async function run(query) {
  if (!query.trim()) { status.textContent = ""; list.replaceChildren(); return; }
  if (!pagefind) {
    pagefind = await import(base + "pagefind.js");
    await pagefind.options({ baseUrl: new URL("../", base).pathname });  // works under a sub-path too
  }
  status.textContent = "Searching…";
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  list.replaceChildren(...results.map((data) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.textContent = data.excerpt.replace(/<[^>]+>/g, "");  // plain text: no markup from the index
    item.append(link, excerpt);
    return item;
  }));
  const n = search.results.length;
  status.textContent = `${n} result${n === 1 ? "" : "s"} for “${query}”${n > 20 ? ", showing the first 20" : ""}.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
  run(query);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) { input.value = initial; run(initial); }
