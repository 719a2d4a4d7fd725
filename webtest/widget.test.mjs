// Browser tests of the embeddable widget: Debian's chromium driven by playwright-core, against
// real askd processes. Run by scripts/test (which builds askd and sets ASKD_BIN):
//   ASKD_BIN=/path/to/askd node --test webtest/
// UPDATE_SCREENSHOTS=1 writes docs/widget-360.png and docs/widget-desktop.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const ASKD = process.env.ASKD_BIN;
assert.ok(ASKD, "ASKD_BIN must name a built askd binary (scripts/test sets it)");

const procs = [];
const servers = [];
let browser;

// startAskd runs askd on a free port and resolves with its base URL.
function startAskd(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(ASKD, ["-addr", "127.0.0.1:0", "-rate-limit", "0", "-inbox", "", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    procs.push(p);
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/"msg":"askd listening","addr":"([^"]+)"/);
      if (m) resolve("http://" + m[1]);
    });
    p.stderr.on("data", (d) => { out += d; });
    p.on("exit", (code) => reject(new Error("askd exited " + code + ": " + out)));
    setTimeout(() => reject(new Error("askd did not start: " + out)), 20000);
  });
}

// hostSite serves, at port (0: any), a host page that embeds the widget from askd under a
// strict CSP: no inline script or style, scripts and requests only to askd. Its stylesheet tries
// to leak into the widget (everything red and huge).
function hostSite(askd, port = 0) {
  return new Promise((resolve) => {
    const srv = createServer((req, res) => {
      if (req.url === "/host.css") {
        res.writeHead(200, { "Content-Type": "text/css" });
        res.end("*{color:#ff0000 !important;font-size:40px !important} button{background:#00ff00 !important}");
        return;
      }
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": `default-src 'none'; script-src ${askd}; connect-src ${askd}; style-src 'self'; img-src 'self'`,
      });
      res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/host.css"><title>Host</title></head><body><h1>Host site</h1><p>Health information.</p>
<script src="${askd}/widget.js" data-endpoint="${askd}" defer></script></body></html>`);
    });
    servers.push(srv);
    srv.listen(port, "127.0.0.1", () => resolve("http://127.0.0.1:" + srv.address().port));
  });
}

// A host server must exist before askd starts, so that its origin can be allowed.
function reserveHost() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => { const port = srv.address().port; srv.close(() => resolve(port)); });
  });
}

let askd, xssAskd, host, xssHost, forbiddenHost;

before(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const [hostPort, xssPort] = [await reserveHost(), await reserveHost()];
  askd = await startAskd(["-cors-origins", `http://127.0.0.1:${hostPort}`]);
  // A test-only corpus whose document carries markup and a javascript: source URL.
  const dir = mkdtempSync(join(tmpdir(), "pqa-xss-"));
  writeFileSync(join(dir, "xss-doc.md"), `---
id: xss-doc
kind: review
title: "渐冻症 <img src=x onerror=window.__xssTitle=1>"
publisher: "<script>window.__xssPub=1</script>"
published: "2020"
lang: zh
source:
  url: "javascript:window.__xssUrl=1"
status: vetted
verified_at: 2026-11-25
review_due: 2099-01-01
key_points:
  - "渐冻症试验<img src=x onerror=window.__xssKey=1>没有达到主要终点。"
topics: [evidence]
conditions: [als]
facts: [EVD-009]
---
渐冻症的干细胞治疗试验<b onmouseover=window.__xssBody=1>细节</b>。
`);
  xssAskd = await startAskd(["-corpus", dir, "-cors-origins", `http://127.0.0.1:${xssPort}`]);
  host = await hostSite(askd, hostPort);
  xssHost = await hostSite(xssAskd, xssPort);
  forbiddenHost = await hostSite(askd);
});

after(async () => {
  if (browser) await browser.close();
  for (const p of procs) p.kill("SIGTERM");
  for (const s of servers) s.close();
});

// page opens a host page and collects console errors (CSP violations show up there).
async function page(url, viewport = { width: 1280, height: 800 }, opts = {}) {
  const ctx = await browser.newContext({ viewport, ...opts });
  const p = await ctx.newPage();
  p.errors = [];
  p.on("console", (m) => { if (m.type() === "error") p.errors.push(m.text()); });
  p.on("pageerror", (e) => p.errors.push(String(e)));
  await p.goto(url);
  await p.waitForSelector("[data-patientqa]", { state: "attached" });
  return p;
}

const sel = {
  launcher: "[data-patientqa] >> .launcher",
  input: "[data-patientqa] >> textarea",
  panel: "[data-patientqa] >> .panel",
};

// askIn types a question and waits for the streamed answer to finish; it returns the time to
// the first streamed text in milliseconds.
async function askIn(p, q) {
  const panelHidden = await p.locator(sel.panel).isHidden();
  if (panelHidden) await p.click(sel.launcher);
  await p.fill(sel.input, q);
  const t0 = Date.now();
  await p.press(sel.input, "Enter");
  const n = await p.locator("[data-patientqa] >> .msg.bot").count();
  const last = p.locator("[data-patientqa] >> .msg.bot").nth(n - 1);
  await p.waitForFunction((el) => el.querySelector(".text").textContent && !el.textContent.includes("……") && !el.textContent.includes("…"), await last.elementHandle(), { timeout: 10000 });
  const first = Date.now() - t0;
  await p.waitForFunction((el) => !el.hasAttribute("aria-busy"), await last.elementHandle(), { timeout: 10000 });
  return { first, last };
}

test("asks, streams text, shows citations as safe links, under a strict CSP", async () => {
  const p = await page(host);
  const { first, last } = await askIn(p, "干细胞治疗真实效果怎么样");
  console.log(`time to first streamed chunk: ${first} ms`);
  const text = await last.locator(".text").textContent();
  assert.match(text, /造血干细胞移植/);
  const links = await last.locator("ol.sources a").evaluateAll((as) => as.map((a) => ({ href: a.href, rel: a.rel, target: a.target })));
  assert.ok(links.length > 0, "citations are links");
  for (const l of links) {
    assert.ok(l.href.startsWith("https://"), l.href);
    assert.equal(l.rel, "noopener noreferrer");
  }
  assert.ok(await p.locator("[data-patientqa] >> .disclaimer").isVisible(), "the disclaimer is visible");
  // Host styles neither leak in nor out.
  const color = await last.locator(".text").evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(color, "rgb(255, 0, 0)", "host CSS leaked into the widget");
  assert.deepEqual(p.errors, [], "no console errors (CSP violations)");
  await p.context().close();
});

test("an emergency answer is shown distinctly and first", async () => {
  const p = await page(host);
  const { last } = await askIn(p, "我刚打完干细胞，现在胸口很痛，喘不上气");
  assert.equal(await last.getAttribute("role"), "alert");
  const body = await last.locator(".body").evaluate((el) => el.firstElementChild.className);
  assert.equal(body, "badge");
  assert.match(await last.locator(".text").textContent(), /^请现在就拨打120/);
  assert.equal(await last.locator('.text a[href="tel:120"]').first().textContent(), "120");
  assert.equal(await last.locator(".feedback").count(), 0, "no rating buttons under an emergency");
  await p.context().close();
});

test("a crisis answer is warm, gives tel: links to the emergency number and a crisis line, and no rating buttons", async () => {
  for (const [q, line, emergency] of [["我真的撑不下去了，药都攒好了", "12356", "120"],
                                      ["我喺香港，真係唔想再醒返", "18111", "999"],
                                      ["I'm in Texas and I don't want to be here anymore", "988", "911"]]) {
    const p = await page(host);
    const { last } = await askIn(p, q);
    assert.equal(await last.getAttribute("role"), "alert");
    assert.match(await last.getAttribute("class"), /crisis/);
    assert.equal(await last.locator(`.text a[href="tel:${line}"]`).count() > 0, true, `${q}: a tel:${line} link`);
    assert.equal(await last.locator(`.text a[href="tel:${emergency}"]`).count() > 0, true, `${q}: a tel:${emergency} link`);
    assert.equal(await last.locator(".feedback").count(), 0);
    await p.context().close();
  }
});

test("an urgent answer says to see a doctor today, then answers; follow-ups send the history", async () => {
  const p = await page(host);
  const { last } = await askIn(p, "诊所说打了干细胞就能停胰岛素，我爸已经三天没打了");
  assert.match(await last.getAttribute("class"), /urgent/);
  assert.match(await last.locator(".text").textContent(), /^根据您的描述，请今天就去看医生/);
  const sent = [];
  p.on("request", (r) => { if (r.url().endsWith("/ask")) sent.push(JSON.parse(r.postData())); });
  await askIn(p, "那香港呢");
  assert.deepEqual(sent.at(-1).history, ["诊所说打了干细胞就能停胰岛素，我爸已经三天没打了"]);
  await p.context().close();
});

test("an uncovered question is shown as such", async () => {
  const p = await page(host);
  const { last } = await askIn(p, "干细胞能治痛风吗");
  assert.match(await last.getAttribute("class"), /uncovered/);
  assert.match(await last.textContent(), /经过审核的资料没有涵盖这个问题/);
  await p.context().close();
});

test("XSS in the question renders as inert text", async () => {
  const p = await page(host);
  const q = `<img src=x onerror="window.__xssQ=1"><script>window.__xssQ=2</script>干细胞`;
  await askIn(p, q);
  assert.equal(await p.evaluate(() => window.__xssQ), undefined);
  assert.equal(await p.locator("[data-patientqa] >> img").count(), 0);
  assert.equal(await p.locator("[data-patientqa] >> .msg.user .text").first().textContent(), q);
  await p.context().close();
});

test("XSS in a corpus document renders as inert text and a javascript: URL is not a link", async () => {
  const p = await page(xssHost);
  const { last } = await askIn(p, "渐冻症打干细胞有用吗");
  const flags = await p.evaluate(() => [window.__xssTitle, window.__xssPub, window.__xssUrl, window.__xssKey, window.__xssBody]);
  assert.deepEqual(flags, [undefined, undefined, undefined, undefined, undefined]);
  assert.equal(await p.locator("[data-patientqa] >> img").count(), 0);
  assert.equal(await last.locator("ol.sources a").count(), 0, "a javascript: source must not become a link");
  assert.match(await last.locator("ol.sources").textContent(), /<img src=x/);
  await p.context().close();
});

test("works at 360 px and on a desktop; screenshots", async () => {
  const out = process.env.UPDATE_SCREENSHOTS ? join(repo, "docs") : mkdtempSync(join(tmpdir(), "pqa-shots-"));
  mkdirSync(out, { recursive: true });
  for (const [name, vp] of [["widget-360.png", { width: 360, height: 740 }], ["widget-desktop.png", { width: 1280, height: 800 }]]) {
    const p = await page(askd + "/", vp);
    await askIn(p, "怎样核实一家医院的干细胞研究是否备案？");
    const box = await p.locator(sel.panel).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= vp.width, `panel fits ${vp.width}px: ${JSON.stringify(box)}`);
    await p.screenshot({ path: join(out, name) });
    await p.context().close();
  }
});

test("keyboard only: open, ask, read, close, focus returns", async () => {
  const p = await page(host);
  const active = () => p.evaluate(() => {
    const h = document.querySelector("[data-patientqa]");
    return document.activeElement === h ? (h.shadowRoot.activeElement || {}).className || h.shadowRoot.activeElement?.tagName : document.activeElement.tagName;
  });
  for (let i = 0; i < 10 && (await active()) !== "launcher"; i++) await p.keyboard.press("Tab");
  assert.equal(await active(), "launcher");
  await p.keyboard.press("Enter");
  assert.equal(await active(), "TEXTAREA");
  await p.keyboard.type("脐带血有必要存吗");
  await p.keyboard.press("Enter");
  await p.waitForFunction(() => {
    const m = document.querySelector("[data-patientqa]").shadowRoot.querySelectorAll(".msg.bot");
    return m.length && !m[m.length - 1].hasAttribute("aria-busy");
  });
  assert.equal(await active(), "TEXTAREA", "focus stays in the text box after an answer");
  await p.keyboard.press("Escape");
  assert.ok(await p.locator(sel.panel).isHidden());
  assert.equal(await active(), "launcher");
  await p.context().close();
});

test("accessibility: no serious or critical axe violations", async () => {
  const p = await page(askd + "/", { width: 1280, height: 800 }, { bypassCSP: true });
  await askIn(p, "干细胞回输是什么原理？");
  await p.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), []);
  await p.context().close();
});

test("a page from an origin that is not allowed cannot use the API", async () => {
  const p = await page(forbiddenHost);
  const { last } = await askIn(p, "干细胞治疗真实效果怎么样");
  assert.doesNotMatch(await last.textContent(), /造血干细胞移植/);
  const res = await fetch(askd + "/ask", { method: "OPTIONS", headers: { Origin: forbiddenHost, "Access-Control-Request-Method": "POST" } });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get("access-control-allow-origin"), null);
  await p.context().close();
});

test("the widget is small", async () => {
  const res = await fetch(askd + "/widget.js", { headers: { "Accept-Encoding": "identity" } });
  const { gzipSync } = await import("node:zlib");
  const size = gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  console.log(`widget.js gzipped: ${size} bytes`);
  assert.ok(size <= 20 * 1024, `widget.js is ${size} bytes gzipped`);
});
