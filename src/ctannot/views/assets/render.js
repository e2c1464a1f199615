// ctannot render: hover lights a span and what it is linked to; a click shows its details.
(() => {
  const root = document.currentScript.parentElement;
  const text = root.querySelector(".text");
  const panel = root.querySelector(".details");
  const hint = panel.querySelector(".hint");
  let pinned = [];

  const parts = (n) => text.querySelectorAll(`[data-a="${n}"]`);
  const about = (n) => panel.querySelector(`section[data-a="${n}"]`);
  const linked = (n) => (about(n)?.dataset.linked ?? "").split(" ").filter(Boolean);
  const mark = (name, numbers) => {
    root.querySelectorAll(`.${name}`).forEach((el) => el.classList.remove(name));
    numbers.forEach((n) => parts(n).forEach((el) => el.classList.add(name)));
  };
  const light = (n) => {
    mark("hl", n === undefined ? [] : [n]);
    mark("linked", n === undefined ? [] : linked(n));
  };
  const show = (numbers) => {
    panel.querySelectorAll("section[data-a]").forEach((s) => { s.hidden = true; });
    numbers.forEach((n) => { const s = about(n); panel.append(s); s.hidden = false; });
    hint.hidden = numbers.length > 0;
  };
  const select = (numbers) => {
    pinned = numbers;
    show(numbers);
    light(numbers[0]);
  };
  const go = (n) => {
    select([n]);
    parts(n)[0]?.scrollIntoView({ block: "nearest" });
  };

  text.addEventListener("mouseover", (event) => {
    const part = event.target.closest("[data-a]");
    if (!part) return;
    light(part.dataset.a);
    if (!pinned.length) show([part.dataset.a]);
  });
  text.addEventListener("mouseleave", () => {
    light(pinned[0]);
    if (!pinned.length) show([]);
  });
  text.addEventListener("click", (event) => {
    const chip = event.target.closest(".said");
    if (chip) return go(chip.dataset.go);
    const chain = [];  // every span under the pointer, the innermost first
    for (let el = event.target.closest(".a"); el; el = el.parentElement.closest(".a")) chain.push(el.dataset.a);
    select(chain);
  });
  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-go]");
    if (button) go(button.dataset.go);
  });
  root.querySelector(".legend").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-t]");
    if (!button) return;
    const hidden = root.classList.toggle(`hide-${button.dataset.t}`);
    button.setAttribute("aria-pressed", String(!hidden));
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape" && pinned.length) select([]); });
})();
