// patientqa chat widget. Embed with one tag:
//   <script src="https://ask.example.org/widget.js" data-endpoint="https://ask.example.org" defer></script>
// Optional: data-lang="zh|zh-Hant|en", data-suggestions="question 1|question 2|question 3".
//
// Safety: model, corpus and user text are only ever inserted as text nodes (textContent), never
// as HTML; citation links are created only for https URLs. No inline script, no eval, styles
// through a constructed stylesheet, so the widget works under a strict Content-Security-Policy.
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[src*='widget.js']");
  if (!script || window.__patientqaWidget) return;
  window.__patientqaWidget = true;

  var endpoint = (script.getAttribute("data-endpoint") || new URL(script.src, location.href).origin).replace(/\/+$/, "");

  var STRINGS = {
    "zh-Hans": {
      open: "干细胞治疗问答", title: "干细胞治疗问答", close: "关闭", send: "发送", label: "您的问题",
      placeholder: "例如：干细胞治疗真实效果怎么样？", sources: "资料来源", thinking: "正在查找经过审核的资料……",
      uncovered: "经过审核的资料没有涵盖这个问题", emergency: "紧急情况", crisis: "现在就可以找人帮忙",
      urgent: "请今天就去看医生", you: "您", bot: "回答",
      disclaimer: "本服务只根据经过审核的公开资料提供一般健康信息，不能代替医生的诊断和治疗建议。紧急情况请立即拨打120。",
      error: "暂时无法回答，请稍后再试。", busy: "提问太频繁了，请稍等片刻再试。", forbidden: "此网站未获准使用本服务。",
      helpful: "有帮助", notHelpful: "没有帮助", thanks: "谢谢您的反馈。", examples: "您可以这样问：",
      tooLong: "问题太长了，请精简到2000字以内。"
    },
    "zh-Hant": {
      open: "幹細胞治療問答", title: "幹細胞治療問答", close: "關閉", send: "發送", label: "您的問題",
      placeholder: "例如：幹細胞治療真實效果怎麼樣？", sources: "資料來源", thinking: "正在查找經過審核的資料……",
      uncovered: "經過審核的資料沒有涵蓋這個問題", emergency: "緊急情況", crisis: "現在就可以找人幫忙",
      urgent: "請今天就去看醫生", you: "您", bot: "回答",
      disclaimer: "本服務只根據經過審核的公開資料提供一般健康資訊，不能代替醫生的診斷和治療建議。緊急情況請立即撥打當地急救電話。",
      error: "暫時無法回答，請稍後再試。", busy: "提問太頻繁了，請稍等片刻再試。", forbidden: "此網站未獲准使用本服務。",
      helpful: "有幫助", notHelpful: "沒有幫助", thanks: "謝謝您的回饋。", examples: "您可以這樣問：",
      tooLong: "問題太長了，請精簡到2000字以內。"
    },
    en: {
      open: "Ask about stem-cell treatment", title: "Stem-cell treatment questions", close: "Close", send: "Send",
      label: "Your question", placeholder: "For example: does stem-cell therapy work?", sources: "Sources",
      thinking: "Looking in the vetted sources…", uncovered: "The vetted sources do not cover this question",
      emergency: "Emergency", crisis: "Help is there for you now", urgent: "See a doctor today",
      you: "You", bot: "Answer",
      disclaimer: "General health information from vetted public sources only; not a diagnosis or medical advice. In an emergency call your local emergency number now.",
      error: "Sorry, no answer right now. Please try again later.", busy: "Too many questions at once; please wait a moment.",
      forbidden: "This site is not allowed to use the service.", helpful: "Helpful", notHelpful: "Not helpful",
      thanks: "Thank you for your feedback.", examples: "You could ask:", tooLong: "Please shorten your question to 2000 characters."
    }
  };

  function pickLang() {
    var want = script.getAttribute("data-lang") || document.documentElement.lang || navigator.language || "en";
    want = want.toLowerCase();
    if (want.indexOf("zh") !== 0) return "en";
    return /hant|tw|hk|mo/.test(want) ? "zh-Hant" : "zh-Hans";
  }
  var lang = pickLang();
  var T = STRINGS[lang];

  var CSS = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif}",
    ".launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;",
    "background:#0b5cad;color:#fff;font-size:15px;line-height:1.2;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}",
    ".launcher:focus-visible,button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}",
    ".panel{position:fixed;right:8px;bottom:72px;z-index:2147483000;width:min(400px,calc(100vw - 16px));",
    "height:min(620px,calc(100vh - 88px));display:flex;flex-direction:column;background:#fff;color:#1a1a1a;",
    "border:1px solid #c8cdd3;border-radius:12px;box-shadow:0 6px 24px rgba(0,0,0,.25);overflow:hidden}",
    ".panel[hidden]{display:none}",
    "header{display:flex;align-items:center;justify-content:space-between;padding:10px 12px;background:#0b5cad;color:#fff}",
    "h2{margin:0;font-size:16px;font-weight:600}",
    ".close{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:6px;padding:4px 10px;font-size:14px;cursor:pointer}",
    ".log{flex:1;overflow-y:auto;padding:12px;font-size:15px;line-height:1.55}",
    ".msg{margin:0 0 12px}",
    ".who{display:block;font-size:12px;color:#555;margin-bottom:2px}",
    ".user .text{background:#e8f0fa;border-radius:8px;padding:8px 10px;display:inline-block;white-space:pre-wrap;word-break:break-word}",
    ".bot .text{white-space:pre-wrap;word-break:break-word}",
    ".emergency{border:2px solid #b00020;background:#fff1f2;border-radius:8px;padding:8px 10px}",
    ".emergency .badge{display:inline-block;background:#b00020;color:#fff;border-radius:4px;padding:1px 6px;font-size:12px;margin-bottom:4px}",
    ".uncovered{border-left:4px solid #8a6d00;background:#fffbea;padding:6px 10px}",
    ".urgent .badge{display:block;font-weight:600;color:#8a3b00;margin-bottom:2px}",
    ".emergency a.tel{color:#8a0018;font-weight:700}",
    ".uncovered .badge{display:block;font-weight:600;color:#5c4800;margin-bottom:2px}",
    ".sources{margin:6px 0 0;padding-left:22px;font-size:13px;color:#333}",
    ".sources a{color:#0b5cad}",
    ".feedback{margin-top:6px;display:flex;gap:6px;align-items:center;font-size:13px;color:#555}",
    ".feedback button{border:1px solid #c8cdd3;background:#fff;border-radius:6px;padding:2px 8px;cursor:pointer;font-size:13px;color:#1a1a1a}",
    ".examples{font-size:14px;color:#333}",
    ".examples button{display:block;margin:6px 0;text-align:left;background:#f3f6f9;border:1px solid #d5dbe1;border-radius:8px;",
    "padding:6px 10px;font-size:14px;color:#1a1a1a;cursor:pointer;width:100%}",
    "form{display:flex;gap:8px;padding:8px;border-top:1px solid #e2e6ea}",
    "textarea{flex:1;resize:none;height:56px;border:1px solid #9aa5b1;border-radius:8px;padding:6px 8px;font-size:15px;color:#1a1a1a}",
    ".send{border:0;border-radius:8px;background:#0b5cad;color:#fff;padding:0 14px;font-size:15px;cursor:pointer}",
    ".send[disabled]{background:#6b7c8f;cursor:wait}",
    ".disclaimer{margin:0;padding:6px 10px 8px;font-size:12px;line-height:1.4;color:#444;background:#f7f8fa;border-top:1px solid #e2e6ea}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
  ].join("");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  var host = el("div", { "data-patientqa": "" });
  var root = host.attachShadow({ mode: "open" });
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el("style", null, CSS));
  }

  var launcher = el("button", { "class": "launcher", type: "button", "aria-expanded": "false", "aria-controls": "pqa-panel" }, T.open);
  var panel = el("section", { "class": "panel", id: "pqa-panel", role: "dialog", "aria-labelledby": "pqa-title", hidden: "" });
  var header = el("header");
  var title = el("h2", { id: "pqa-title" }, T.title);
  var closeBtn = el("button", { "class": "close", type: "button", "aria-label": T.close }, T.close);
  header.appendChild(title);
  header.appendChild(closeBtn);
  var log = el("div", { "class": "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0", "aria-label": T.title });
  var form = el("form", { "aria-label": T.title });
  var inputLabel = el("label", { "for": "pqa-input", "class": "sr" }, T.label);
  var input = el("textarea", { id: "pqa-input", maxlength: "2000", placeholder: T.placeholder, rows: "2" });
  var send = el("button", { "class": "send", type: "submit" }, T.send);
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(send);
  var disclaimer = el("p", { "class": "disclaimer" }, T.disclaimer);
  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(disclaimer);
  root.appendChild(launcher);
  root.appendChild(panel);

  var suggestions = (script.getAttribute("data-suggestions") || "").split("|").map(function (s) { return s.trim(); }).filter(Boolean).slice(0, 5);
  if (suggestions.length) {
    var ex = el("div", { "class": "examples" }, null);
    ex.appendChild(el("p", null, T.examples));
    suggestions.forEach(function (q) {
      var b = el("button", { type: "button" }, q);
      b.addEventListener("click", function () { ask(q); });
      ex.appendChild(b);
    });
    log.appendChild(ex);
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeBtn.addEventListener("click", close);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); close(); } });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  function submit() {
    var q = input.value.trim();
    if (!q || send.disabled) return;
    if (q.length > 2000) { notice(T.tooLong); return; }
    input.value = "";
    ask(q);
  }

  function notice(text) {
    var m = el("p", { "class": "msg bot", role: "status" }, text);
    log.appendChild(m);
    log.scrollTop = log.scrollHeight;
  }

  function safeHTTPS(u) {
    try { var p = new URL(u); return p.protocol === "https:" ? p.href : null; } catch (e) { return null; }
  }

  // ask sends a question and renders the streamed answer.
  // The conversation's earlier questions, sent as history so a follow-up ("那香港呢？") keeps
  // its region and condition; at most 6, as the API allows.
  var history = [];

  // Emergency and crisis numbers the answers give; in those answers they become tel: links.
  var PHONE = /(^|[^0-9])(120|999|119|911|12356|18111|1925|988|2852 ?5222)(?![0-9])/g;

  // linkPhones turns the emergency and crisis numbers in a text node into tel: links, building
  // text nodes and anchors only (never HTML).
  function linkPhones(node) {
    var s = node.textContent, out = document.createDocumentFragment(), last = 0, m;
    PHONE.lastIndex = 0;
    while ((m = PHONE.exec(s)) !== null) {
      var at = m.index + m[1].length;
      out.appendChild(document.createTextNode(s.slice(last, at)));
      out.appendChild(el("a", { "class": "tel", href: "tel:" + m[2].replace(/ /g, "") }, m[2]));
      last = at + m[2].length;
    }
    out.appendChild(document.createTextNode(s.slice(last)));
    node.textContent = "";
    node.appendChild(out);
  }

  function ask(q) {
    var prior = history.slice(-6);
    history.push(q);
    var ex = log.querySelector(".examples");
    if (ex) ex.remove();
    var um = el("div", { "class": "msg user" });
    um.appendChild(el("span", { "class": "who" }, T.you));
    um.appendChild(el("span", { "class": "text" }, q));
    log.appendChild(um);
    var bm = el("div", { "class": "msg bot", "aria-busy": "true" });
    bm.appendChild(el("span", { "class": "who" }, T.bot));
    var body = el("div", { "class": "body" });
    var text = el("span", { "class": "text" }, T.thinking);
    body.appendChild(text);
    bm.appendChild(body);
    log.appendChild(bm);
    log.scrollTop = log.scrollHeight;
    send.disabled = true;
    var started = false;
    function delta(t) {
      if (!started) { text.textContent = ""; started = true; }
      text.textContent += t;
      log.scrollTop = log.scrollHeight;
    }
    function fail(status) {
      text.textContent = status === 429 ? T.busy : status === 403 ? T.forbidden : T.error;
      finish();
    }
    function finish() {
      bm.removeAttribute("aria-busy");
      send.disabled = false;
      input.focus();
    }
    fetch(endpoint + "/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify(prior.length ? { question: q, lang: "auto", history: prior } : { question: q, lang: "auto" }),
      credentials: "omit",
      mode: "cors"
    }).then(function (resp) {
      if (!resp.ok) { fail(resp.status); return; }
      var ct = resp.headers.get("Content-Type") || "";
      if (ct.indexOf("text/event-stream") !== 0 || !resp.body || !resp.body.getReader) {
        return resp.json().then(function (a) { delta(a.answer || ""); render(a); finish(); });
      }
      var reader = resp.body.getReader();
      var decoder = new TextDecoder();
      var buf = "";
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) { if (!bm.hasAttribute("data-done")) fail(0); return; }
          buf += decoder.decode(r.value, { stream: true });
          var i;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            var frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            var ev = "message", data = "";
            frame.split("\n").forEach(function (line) {
              if (line.indexOf("event: ") === 0) ev = line.slice(7);
              else if (line.indexOf("data: ") === 0) data += line.slice(6);
            });
            var obj;
            try { obj = JSON.parse(data); } catch (e) { continue; }
            if (ev === "delta") delta(obj.text || "");
            else if (ev === "done") { text.textContent = obj.answer || ""; render(obj); bm.setAttribute("data-done", ""); finish(); }
            else if (ev === "error") fail(0);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () { fail(0); });

    function render(a) {
      var urgent = a.emergency || a.urgency === "emergency" || a.urgency === "crisis";
      if (urgent) {
        bm.classList.add("emergency");
        if (a.urgency === "crisis") bm.classList.add("crisis");
        bm.setAttribute("role", "alert");
        body.insertBefore(el("span", { "class": "badge" }, a.urgency === "crisis" ? T.crisis : T.emergency), body.firstChild);
        linkPhones(text);
      } else if (a.urgency === "urgent") {
        bm.classList.add("urgent");
        body.insertBefore(el("span", { "class": "badge" }, T.urgent), body.firstChild);
        linkPhones(text);
      } else if (a.refused && (a.category === "uncovered" || a.category === "offtopic")) {
        bm.classList.add("uncovered");
        body.insertBefore(el("span", { "class": "badge" }, T.uncovered), body.firstChild);
      }
      if (a.citations && a.citations.length) {
        var h = el("span", { "class": "sr" }, T.sources);
        var ol = el("ol", { "class": "sources", "aria-label": T.sources });
        a.citations.forEach(function (c) {
          var li = el("li", { value: String(c.n) });
          var label = [c.title, c.publisher, c.published].filter(Boolean).join(" · ");
          var href = safeHTTPS(c.url);
          if (href) {
            li.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, label));
          } else {
            li.appendChild(document.createTextNode(label));
          }
          ol.appendChild(li);
        });
        body.appendChild(h);
        body.appendChild(ol);
      }
      if (a.answer_id && !urgent) { // no rating buttons under an emergency or a crisis
        var fb = el("div", { "class": "feedback" });
        var up = el("button", { type: "button", "aria-label": T.helpful }, "👍");
        var down = el("button", { type: "button", "aria-label": T.notHelpful }, "👎");
        function rate(helpful) {
          up.disabled = down.disabled = true;
          fetch(endpoint + "/feedback", {
            method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit", mode: "cors",
            body: JSON.stringify({ answer_id: a.answer_id, helpful: helpful })
          }).then(function () { fb.appendChild(el("span", { role: "status" }, T.thanks)); }, function () {});
        }
        up.addEventListener("click", function () { rate(true); });
        down.addEventListener("click", function () { rate(false); });
        fb.appendChild(up);
        fb.appendChild(down);
        body.appendChild(fb);
      }
      log.scrollTop = log.scrollHeight;
    }
  }

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
