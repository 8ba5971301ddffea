/**
 * The Stripe.js stand-in served at /js/stripe.js. It defines window.Stripe with
 * the methods the app uses, calling the emulator's REST API with the
 * publishable key and the intent's client secret, as Stripe.js does.
 * `@stripe/stripe-js`'s loadStripe() picks it up because window.Stripe exists.
 *
 * Cards: `elements().create("card")` renders plain inputs (no iframe) labelled
 * "Card number", "Expiration date" and "CVC" inside the mount node and emits
 * ready / change / focus / blur as `@stripe/react-stripe-js`'s <CardElement>
 * expects. `createPaymentMethod`, `confirmCardSetup` and `confirmCardPayment`
 * send the raw fields to /v1; a `use_stripe_sdk` 3D Secure challenge is shown
 * as an in-page dialog whose buttons call /3ds/:id/complete|fail.
 */
export function stripeJsSource(apiOrigin: string): string {
  return `/* Stripe.js stand-in for the local Stripe emulator (test mode only). */
(function (API) {
${CLIENT}
})(${JSON.stringify(apiOrigin)});
`;
}

// Browser code: ES5, no template literals (this is a String.raw template).
const CLIENT = String.raw`
  "use strict";

  // ------------------------------------------------------------ transport

  function encode(value, prefix, out) {
    if (value === undefined) return out;
    if (value === null) { out.push(encodeURIComponent(prefix) + "="); return out; }
    if (Array.isArray(value)) {
      value.forEach(function (v, i) { encode(v, prefix + "[" + i + "]", out); });
      return out;
    }
    if (typeof value === "object") {
      Object.keys(value).forEach(function (k) { encode(value[k], prefix ? prefix + "[" + k + "]" : k, out); });
      return out;
    }
    out.push(encodeURIComponent(prefix) + "=" + encodeURIComponent(String(value)));
    return out;
  }

  function connectionError(err) {
    return { error: { type: "api_connection_error", message: "Could not reach the local Stripe emulator: " + (err && err.message) } };
  }

  function request(key, method, path, params) {
    var body = encode(params || {}, "", []).join("&");
    var url = API + path + (method === "GET" && body ? "?" + body : "");
    var headers = { "Content-Type": "application/x-www-form-urlencoded" };
    if (key) headers.Authorization = "Bearer " + key;
    return fetch(url, {
      method: method,
      headers: headers,
      body: method === "GET" ? undefined : body
    }).then(function (res) {
      return res.json().then(function (json) {
        return res.ok ? { data: json } : { error: json.error || { type: "api_error", message: "HTTP " + res.status } };
      });
    }, function (err) { return connectionError(err); });
  }

  function idFromSecret(secret) {
    return String(secret || "").split("_secret_")[0];
  }

  function kindFromSecret(secret) {
    return String(secret || "").indexOf("seti_") === 0 ? "setup_intents" : "payment_intents";
  }

  function resultKey(kind) {
    return kind === "setup_intents" ? "setupIntent" : "paymentIntent";
  }

  function validSecret(kind, secret) {
    return typeof secret === "string" && kindFromSecret(secret) === kind && secret.indexOf("_secret_") > 0;
  }

  function invalidSecret(kind) {
    return Promise.resolve({ error: { type: "invalid_request_error", code: "parameter_invalid", message: "Invalid value for " + (kind === "setup_intents" ? "SetupIntent" : "PaymentIntent") + " client_secret." } });
  }

  function integrationError(message) {
    var e = new Error(message);
    e.name = "IntegrationError";
    return e;
  }

  // ------------------------------------------------------------------ DOM

  function doc() {
    return (typeof window !== "undefined" && window.document) || null;
  }

  function el(tag, attrs, css) {
    var node = doc().createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (css) node.style.cssText = css;
    return node;
  }

  function setClass(node, name, on) {
    var list = String(node.className || "").split(/\s+/).filter(function (c) { return c && c !== name; });
    if (on) list.push(name);
    node.className = list.join(" ");
  }

  function detach(node) {
    if (node && node.parentNode) node.parentNode.removeChild(node);
  }

  // ---------------------------------------------------------- card rules

  function digits(s) { return String(s || "").replace(/\D/g, ""); }

  function luhn(d) {
    var sum = 0;
    for (var i = 0; i < d.length; i++) {
      var n = Number(d.charAt(d.length - 1 - i));
      if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
      sum += n;
    }
    return sum % 10 === 0;
  }

  function brandOf(d) {
    if (/^4/.test(d)) return "visa";
    if (/^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/.test(d)) return "mastercard";
    if (/^3[47]/.test(d)) return "amex";
    if (/^(6011|65|64[4-9])/.test(d)) return "discover";
    if (/^35/.test(d)) return "jcb";
    if (/^(36|38|30[0-5])/.test(d)) return "diners";
    if (/^62/.test(d)) return "unionpay";
    return "unknown";
  }

  function numberLength(brand) { return brand === "amex" ? 15 : brand === "diners" ? 14 : 16; }

  function formatNumber(d, brand) {
    var groups = brand === "amex" ? [4, 6, 5] : brand === "diners" ? [4, 6, 4] : [4, 4, 4, 4, 3];
    var out = [], at = 0;
    for (var i = 0; i < groups.length && at < d.length; i++) { out.push(d.slice(at, at + groups[i])); at += groups[i]; }
    return out.join(" ");
  }

  /** "12 / 34", "12/34", "1234", "12/2034" → { month: "12", year: "34" }. */
  function parseExpiry(value) {
    var raw = String(value || "");
    var parts = raw.split("/");
    var d;
    if (parts.length > 1 && digits(parts[1]).length === 4) d = digits(parts[0]).slice(0, 2) + digits(parts[1]).slice(2);
    else d = digits(raw).slice(0, 4);
    if (d.length >= 1 && Number(d.charAt(0)) > 1) d = "0" + d.slice(0, 3);
    return { month: d.slice(0, 2), year: d.slice(2, 4) };
  }

  function formatExpiry(e) { return e.year ? e.month + " / " + e.year : e.month; }

  var MESSAGES = {
    incomplete_number: "Your card number is incomplete.",
    invalid_number: "Your card number is invalid.",
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_month: "Your card's expiration date is invalid.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    invalid_expiry_month_past: "Your card's expiration date is in the past.",
    incomplete_cvc: "Your card's security code is incomplete."
  };

  function validation(code) { return { type: "validation_error", code: code, message: MESSAGES[code] }; }

  /** One field's state: { empty, complete, error (shown at once), incomplete (shown once left) }. */
  function checkField(field, values) {
    var brand = brandOf(values.number);
    if (field === "number") {
      var d = values.number, len = numberLength(brand);
      if (!d) return { empty: true, complete: false, incomplete: validation("incomplete_number") };
      if (d.length >= len && !luhn(d)) return { empty: false, complete: false, error: validation("invalid_number") };
      if (d.length >= len) return { empty: false, complete: true };
      return { empty: false, complete: false, incomplete: validation("incomplete_number") };
    }
    if (field === "expiry") {
      var e = values.expiry;
      if (!e.month) return { empty: true, complete: false, incomplete: validation("incomplete_expiry") };
      var m = Number(e.month);
      if (e.month.length === 2 && (m < 1 || m > 12)) return { empty: false, complete: false, error: validation("invalid_expiry_month") };
      if (e.year.length < 2) return { empty: false, complete: false, incomplete: validation("incomplete_expiry") };
      var now = new Date(), y = 2000 + Number(e.year), thisYear = now.getFullYear();
      if (y < thisYear) return { empty: false, complete: false, error: validation("invalid_expiry_year_past") };
      if (y === thisYear && m < now.getMonth() + 1) return { empty: false, complete: false, error: validation("invalid_expiry_month_past") };
      return { empty: false, complete: true };
    }
    var c = values.cvc, need = brand === "amex" ? 4 : 3;
    if (!c) return { empty: true, complete: false, incomplete: validation("incomplete_cvc") };
    if (c.length >= need) return { empty: false, complete: true };
    return { empty: false, complete: false, incomplete: validation("incomplete_cvc") };
  }

  var FIELDS = {
    number: { label: "Card number", placeholder: "1234 1234 1234 1234", autocomplete: "cc-number", name: "cardnumber", css: "flex:1 1 0;width:0;min-width:7em;" },
    expiry: { label: "Expiration date", placeholder: "MM / YY", autocomplete: "cc-exp", name: "exp-date", css: "flex:0 0 5.5em;width:5.5em;" },
    cvc: { label: "CVC", placeholder: "CVC", autocomplete: "cc-csc", name: "cvc", css: "flex:0 0 3.5em;width:3.5em;" }
  };

  var CARD_TYPES = { card: ["number", "expiry", "cvc"], cardNumber: ["number"], cardExpiry: ["expiry"], cardCvc: ["cvc"] };

  // ------------------------------------------------------------- elements

  var elementSeq = 0;

  function emitter(target) {
    var listeners = {};
    target.on = function (event, handler) {
      (listeners[event] = listeners[event] || []).push(handler);
      if (event === "ready" && target._emulator.ready) {
        // React attaches onReady after mount; it still hears "ready" once.
        setTimeout(function () { if ((listeners.ready || []).indexOf(handler) >= 0) handler({ elementType: target._emulator.type }); }, 0);
      }
      return target;
    };
    target.addEventListener = target.on;
    target.once = function (event, handler) {
      var wrapped = function (e) { target.off(event, wrapped); handler(e); };
      return target.on(event, wrapped);
    };
    target.off = function (event, handler) {
      if (!handler) delete listeners[event];
      else listeners[event] = (listeners[event] || []).filter(function (h) { return h !== handler; });
      return target;
    };
    target.removeEventListener = target.off;
    return function emit(event, payload) {
      (listeners[event] || []).slice().forEach(function (h) {
        try { h(payload); } catch (err) { setTimeout(function () { throw err; }, 0); }
      });
    };
  }

  function createCardElement(group, type, options) {
    var fields = CARD_TYPES[type];
    var id = ++elementSeq;
    var values = { number: "", expiry: { month: "", year: "" }, cvc: "" };
    var left = {};
    var inputs = {};
    var node = null, box = null, focused = false, disabled = !!options.disabled, lastChange = "";
    var element = { _emulator: { type: type, ready: false, destroyed: false } };
    var emit = emitter(element);

    // Split elements read the other fields from their siblings in the same group.
    function allValues() {
      if (type === "card") return values;
      var merged = { number: "", expiry: { month: "", year: "" }, cvc: "" };
      group._elements().forEach(function (other) {
        var own = other._emulator.values;
        if (!own) return;
        other._emulator.fields.forEach(function (f) { merged[f] = own[f]; });
      });
      return merged;
    }

    function state(showIncomplete) {
      var all = allValues(), empty = true, complete = true, error;
      fields.forEach(function (f) {
        var s = checkField(f, all);
        if (!s.empty) empty = false;
        if (!s.complete) complete = false;
        var e = s.error || ((showIncomplete || (left[f] && !s.empty)) && s.incomplete);
        if (e && !error) error = e;
      });
      var out = { elementType: type, empty: empty, complete: complete, error: error, brand: brandOf(all.number) };
      if (type === "card") out.value = { postalCode: "" };
      return out;
    }

    function refreshClasses() {
      if (!node) return;
      var s = state(false);
      setClass(node, "StripeElement", true);
      setClass(node, "StripeElement--empty", s.empty);
      setClass(node, "StripeElement--complete", s.complete);
      setClass(node, "StripeElement--invalid", !!s.error);
      setClass(node, "StripeElement--focus", focused);
    }

    function change(force) {
      refreshClasses();
      var s = state(false);
      var key = JSON.stringify(s);
      if (!force && key === lastChange) return;
      lastChange = key;
      emit("change", s);
    }

    function onInput(field) {
      var input = inputs[field];
      if (field === "number") {
        var d = digits(input.value).slice(0, 19);
        var brand = brandOf(d);
        d = d.slice(0, numberLength(brand));
        values.number = d;
        var shown = formatNumber(d, brand);
        if (input.value !== shown) input.value = shown;
      } else if (field === "expiry") {
        values.expiry = parseExpiry(input.value);
        var text = formatExpiry(values.expiry);
        if (input.value !== text) input.value = text;
      } else {
        values.cvc = digits(input.value).slice(0, 4);
        if (input.value !== values.cvc) input.value = values.cvc;
      }
      change(true);
    }

    function styleFor(opts) {
      var base = (opts && opts.style && opts.style.base) || {};
      var css = "border:0;outline:none;background:transparent;padding:0;margin:0;font:inherit;color:inherit;";
      if (base.color) css += "color:" + base.color + ";";
      if (base.fontSize) css += "font-size:" + base.fontSize + ";";
      if (base.fontFamily) css += "font-family:" + base.fontFamily + ";";
      return css;
    }

    function build() {
      box = el("div", { "data-emulator-element": type }, "display:flex;flex-wrap:wrap;gap:0.75em;align-items:center;width:100%;");
      fields.forEach(function (f) {
        var spec = FIELDS[f];
        var input = el("input", {
          id: "emulator-" + type + "-" + f + "-" + id,
          type: "text",
          inputmode: "numeric",
          autocomplete: spec.autocomplete,
          name: spec.name,
          placeholder: spec.placeholder,
          "aria-label": spec.label
        }, spec.css + styleFor(options));
        input.disabled = disabled;
        if (f === "number") input.value = formatNumber(values.number, brandOf(values.number));
        else if (f === "expiry") input.value = formatExpiry(values.expiry);
        else input.value = values.cvc;
        input.addEventListener("input", function () { onInput(f); });
        input.addEventListener("change", function () { onInput(f); });
        // Each field shows where the keyboard is (the host page styles StripeElement--focus around the box).
        input.addEventListener("focus", function () { input.style.boxShadow = "0 0 0 2px #635bff"; input.style.borderRadius = "3px"; });
        input.addEventListener("blur", function () { input.style.boxShadow = "none"; });
        input.addEventListener("focus", function () {
          if (focused) return;
          focused = true;
          refreshClasses();
          emit("focus", { elementType: type });
        });
        input.addEventListener("blur", function () {
          left[f] = true;
          setTimeout(function () {
            var d = doc();
            var active = d && d.activeElement;
            var inside = fields.some(function (g) { return inputs[g] === active; });
            if (inside || !focused) return;
            focused = false;
            refreshClasses();
            emit("blur", { elementType: type });
            var s = state(false);
            if (s.error) { lastChange = ""; change(false); }
          }, 0);
        });
        inputs[f] = input;
        box.appendChild(input);
      });
    }

    element._emulator.fields = fields;
    element._emulator.values = values;
    /** Card fields for the API, or the validation error Stripe.js would give. */
    element._emulator.read = function () {
      var all = allValues();
      var s = state(true);
      if (s.error) return { error: s.error };
      var owned = {};
      CARD_TYPES.card.forEach(function (f) { owned[f] = checkField(f, all); });
      for (var f in owned) if (!owned[f].complete) return { error: owned[f].error || owned[f].incomplete };
      return { card: { number: all.number, exp_month: String(Number(all.expiry.month)), exp_year: all.expiry.year, cvc: all.cvc } };
    };

    element.mount = function (target) {
      var d = doc();
      if (!d) throw integrationError("The emulator's card Element needs a browser DOM.");
      if (element._emulator.destroyed) throw integrationError("This Element has already been destroyed. Please create a new one.");
      if (typeof target === "string") target = d.querySelector(target);
      if (!target || typeof target.appendChild !== "function") throw integrationError("Invalid DOM element. Make sure to call mount() with a valid DOM element or selector.");
      if (node) element.unmount();
      node = target;
      build();
      node.appendChild(box);
      refreshClasses();
      setTimeout(function () {
        if (!node || element._emulator.destroyed || element._emulator.ready) return;
        element._emulator.ready = true;
        emit("ready", { elementType: type });
      }, 0);
    };
    element.unmount = function () {
      detach(box);
      if (node) ["StripeElement", "StripeElement--empty", "StripeElement--complete", "StripeElement--invalid", "StripeElement--focus"].forEach(function (c) { setClass(node, c, false); });
      node = null; box = null; inputs = {}; focused = false;
    };
    element.destroy = function () {
      element.unmount();
      element._emulator.destroyed = true;
      group._remove(element);
    };
    element.update = function (opts) {
      opts = opts || {};
      if (opts.disabled !== undefined) {
        disabled = !!opts.disabled;
        Object.keys(inputs).forEach(function (f) { inputs[f].disabled = disabled; });
      }
      if (opts.style) {
        options = Object.assign({}, options, { style: opts.style });
        Object.keys(inputs).forEach(function (f) { inputs[f].style.cssText = FIELDS[f].css + styleFor(options); });
      }
    };
    element.focus = function () { var first = inputs[fields[0]]; if (first && first.focus) first.focus(); };
    element.blur = function () { Object.keys(inputs).forEach(function (f) { if (inputs[f].blur) inputs[f].blur(); }); };
    element.clear = function () {
      values.number = ""; values.expiry = { month: "", year: "" }; values.cvc = "";
      element._emulator.values = values;
      left = {};
      Object.keys(inputs).forEach(function (f) { inputs[f].value = ""; });
      change(true);
    };
    element.collapse = function () {};
    return element;
  }

  /** Element types the emulator does not render: accepted, inert. */
  function createStubElement(group, type) {
    var element = { _emulator: { type: type, ready: false, destroyed: false } };
    emitter(element);
    element.mount = function () {};
    element.unmount = function () {};
    element.destroy = function () { element._emulator.destroyed = true; group._remove(element); };
    element.update = function () {};
    element.focus = function () {};
    element.blur = function () {};
    element.clear = function () {};
    element.collapse = function () {};
    return element;
  }

  function createElements(options) {
    var list = [];
    var group = {
      create: function (type, opts) {
        var e = CARD_TYPES[type] ? createCardElement(group, type, opts || {}) : createStubElement(group, type);
        list.push(e);
        return e;
      },
      getElement: function (which) {
        var type = typeof which === "string" ? which : which && which.__elementType;
        for (var i = list.length - 1; i >= 0; i--) if (list[i]._emulator.type === type) return list[i];
        return null;
      },
      update: function (opts) { options = Object.assign({}, options, opts || {}); },
      fetchUpdates: function () { return Promise.resolve({}); },
      submit: function () { return Promise.resolve({}); },
      _elements: function () { return list.slice(); },
      _remove: function (e) { list = list.filter(function (x) { return x !== e; }); }
    };
    return group;
  }

  /** { card: {...} } from an element or { token }, or { error }. */
  function readCard(card) {
    if (card && card._emulator && card._emulator.read) return card._emulator.read();
    if (card && typeof card.token === "string") return { card: { token: card.token } };
    return { error: { type: "invalid_request_error", code: "parameter_invalid", message: "Invalid value for card: it should be a mounted card Element (or { token })." } };
  }

  // ------------------------------------------------------ 3D Secure dialog

  function formatAmount(intent) {
    if (typeof intent.amount !== "number" || !intent.currency) return "";
    var zero = /^(bif|clp|djf|gnf|jpy|kmf|krw|mga|pyg|rwf|ugx|vnd|vuv|xaf|xof|xpf)$/.test(intent.currency);
    var value = zero ? intent.amount : intent.amount / 100;
    try { return new Intl.NumberFormat("en-US", { style: "currency", currency: intent.currency.toUpperCase() }).format(value); }
    catch (e) { return value + " " + intent.currency.toUpperCase(); }
  }

  /** Shows the challenge; resolves "complete" or "fail" with the customer's click. */
  function showChallenge(intent) {
    var d = doc();
    if (!d || !d.body) return Promise.resolve(null);
    return new Promise(function (resolve) {
      var overlay = el("div", { "data-emulator-3ds": intent.id },
        "position:fixed;top:0;left:0;right:0;bottom:0;z-index:2147483647;background:rgba(26,31,54,0.55);display:flex;align-items:center;justify-content:center;font-family:system-ui,sans-serif;");
      var dialog = el("div", { role: "dialog", "aria-modal": "true", "aria-label": "3D Secure authentication" },
        "background:#fff;color:#1a1f36;border-radius:8px;padding:24px;max-width:360px;width:90%;box-shadow:0 8px 32px rgba(0,0,0,0.25);");
      var badge = el("p", {}, "display:inline-block;font-size:12px;background:#ffe08a;border-radius:4px;padding:2px 6px;margin:0 0 12px;");
      badge.textContent = "TEST MODE · local Stripe emulator";
      var title = el("h2", {}, "font-size:18px;margin:0 0 8px;");
      title.textContent = "3D Secure authentication";
      var text = el("p", {}, "margin:0 0 16px;font-size:14px;line-height:1.4;");
      var amount = intent.object === "payment_intent" ? formatAmount(intent) : "";
      text.textContent = "This stands in for the card issuer's challenge" + (amount ? " for a payment of " + amount : " to save this card") + ". Choose how the customer responds.";
      var done = false;
      var before = d.activeElement;
      function close(choice) {
        if (done) return;
        done = true;
        detach(overlay);
        try { if (before && before.focus) before.focus(); } catch (e) { /* gone */ }
        resolve(choice);
      }
      // A modal: Tab stays on its buttons, Escape closes it as the issuer's page would (authentication not done).
      function onKey(event) {
        if (event.key === "Escape") { event.preventDefault(); close("fail"); return; }
        if (event.key !== "Tab") return;
        var buttons = Array.prototype.slice.call(dialog.querySelectorAll("button"));
        var i = buttons.indexOf(d.activeElement);
        event.preventDefault();
        var next = event.shiftKey ? (i <= 0 ? buttons.length - 1 : i - 1) : (i + 1) % buttons.length;
        buttons[next].focus();
      }
      function button(label, choice, primary) {
        var b = el("button", { type: "button" },
          "font-size:15px;padding:8px 14px;margin:0 8px 0 0;border-radius:6px;cursor:pointer;border:1px solid " + (primary ? "#635bff;background:#635bff;color:#fff;" : "#ccd;background:#fff;color:#1a1f36;"));
        b.textContent = label;
        b.addEventListener("click", function () { close(choice); });
        b.addEventListener("focus", function () { b.style.outline = "3px solid #1a1f36"; b.style.outlineOffset = "2px"; });
        b.addEventListener("blur", function () { b.style.outline = "none"; });
        return b;
      }
      var complete = button("Complete authentication", "complete", true);
      dialog.appendChild(badge);
      dialog.appendChild(title);
      dialog.appendChild(text);
      dialog.appendChild(complete);
      dialog.appendChild(button("Fail authentication", "fail", false));
      overlay.appendChild(dialog);
      d.body.appendChild(overlay);
      // Focus never leaves the dialog, so its keys reach the overlay.
      overlay.addEventListener("keydown", onKey);
      try { complete.focus(); } catch (e) { /* not focusable */ }
    });
  }

  function Stripe(publishableKey, options) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey, options);
    if (typeof publishableKey !== "string" || publishableKey.indexOf("pk_") !== 0) {
      throw new Error("Invalid value for Stripe(): apiKey should be a publishable key (pk_test_...).");
    }
    var key = publishableKey;
    var self = this;

    function retrieve(kind, clientSecret) {
      if (!validSecret(kind, clientSecret)) return invalidSecret(kind);
      return request(key, "GET", "/v1/" + kind + "/" + idFromSecret(clientSecret), { client_secret: clientSecret })
        .then(function (r) {
          if (r.error) return { error: r.error };
          var out = {};
          out[resultKey(kind)] = r.data;
          return out;
        });
    }

    /** What Stripe.js resolves for a finished intent: the intent, or its last error. */
    function settle(intent, kind) {
      var out = {};
      if (intent && intent.status === "requires_payment_method") {
        var last = kind === "setup_intents" ? intent.last_setup_error : intent.last_payment_error;
        if (last) {
          var error = Object.assign({}, last);
          error[kind === "setup_intents" ? "setup_intent" : "payment_intent"] = intent;
          return { error: error };
        }
      }
      out[resultKey(kind)] = intent;
      return out;
    }

    /** Runs the intent's next action (redirect or 3D Secure dialog), then settles. */
    function handleActions(intent, kind, clientSecret) {
      var next = intent && intent.status === "requires_action" ? intent.next_action : null;
      if (next && next.type === "redirect_to_url" && next.redirect_to_url && next.redirect_to_url.url) {
        // Navigates away; like Stripe.js, the promise then never settles.
        window.location.assign(next.redirect_to_url.url);
        return new Promise(function () {});
      }
      if (next && next.type === "use_stripe_sdk" && next.use_stripe_sdk && next.use_stripe_sdk.stripe_js) {
        var url = String(next.use_stripe_sdk.stripe_js);
        var token = (/[?&]token=([^&#]+)/.exec(url) || [])[1] || "";
        return showChallenge(intent).then(function (choice) {
          if (!choice) {
            return { error: { type: "invalid_request_error", code: "payment_intent_authentication_failure", message: "3D Secure authentication needs a browser page to show its dialog." } };
          }
          return fetch(API + "/3ds/" + encodeURIComponent(intent.id) + "/" + choice, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: "token=" + token
          }).then(function (res) { return res.text(); }, function () { return null; })
            .then(function () { return retrieve(kind, clientSecret); })
            .then(function (r) { return r.error ? r : settle(r[resultKey(kind)], kind); });
        });
      }
      return Promise.resolve(settle(intent, kind));
    }

    function confirmWallet(kind, type, clientSecret, data) {
      if (!validSecret(kind, clientSecret)) return invalidSecret(kind);
      data = data || {};
      var params = { client_secret: clientSecret, return_url: data.return_url };
      if (typeof data.payment_method === "string") params.payment_method = data.payment_method;
      else params.payment_method_data = Object.assign({ type: type }, data.payment_method || {});
      if (data.mandate_data) params.mandate_data = data.mandate_data;
      if (data.setup_future_usage) params.setup_future_usage = data.setup_future_usage;
      return request(key, "POST", "/v1/" + kind + "/" + idFromSecret(clientSecret) + "/confirm", params)
        .then(function (r) { return r.error ? { error: r.error } : handleActions(r.data, kind, clientSecret); });
    }

    function confirmCard(kind, clientSecret, data, options) {
      if (!validSecret(kind, clientSecret)) return invalidSecret(kind);
      data = data || {};
      var params = { client_secret: clientSecret, use_stripe_sdk: true };
      var pm = data.payment_method;
      if (typeof pm === "string") params.payment_method = pm;
      else if (pm && typeof pm === "object") {
        var read = readCard(pm.card);
        if (read.error) return Promise.resolve({ error: read.error });
        params.payment_method_data = { type: "card", card: read.card };
        if (pm.billing_details) params.payment_method_data.billing_details = pm.billing_details;
        if (pm.metadata) params.payment_method_data.metadata = pm.metadata;
      }
      if (data.return_url) params.return_url = data.return_url;
      if (kind === "payment_intents") {
        if (data.setup_future_usage) params.setup_future_usage = data.setup_future_usage;
        if (data.receipt_email) params.receipt_email = data.receipt_email;
      }
      return request(key, "POST", "/v1/" + kind + "/" + idFromSecret(clientSecret) + "/confirm", params)
        .then(function (r) {
          if (r.error) return { error: r.error };
          if (options && options.handleActions === false) return settle(r.data, kind);
          return handleActions(r.data, kind, clientSecret);
        });
    }

    function unsupported(what) {
      return function () {
        return Promise.resolve({ error: { type: "invalid_request_error", code: "payment_method_unsupported_type", message: what + " is not supported by the local Stripe emulator yet." } });
      };
    }

    self.confirmAmazonPaySetup = function (s, d) { return confirmWallet("setup_intents", "amazon_pay", s, d); };
    self.confirmKakaoPaySetup = function (s, d) { return confirmWallet("setup_intents", "kakao_pay", s, d); };
    self.confirmAmazonPayPayment = function (s, d) { return confirmWallet("payment_intents", "amazon_pay", s, d); };
    self.confirmKakaoPayPayment = function (s, d) { return confirmWallet("payment_intents", "kakao_pay", s, d); };
    self.confirmCardSetup = function (s, d, o) { return confirmCard("setup_intents", s, d, o); };
    self.confirmCardPayment = function (s, d, o) { return confirmCard("payment_intents", s, d, o); };
    self.retrieveSetupIntent = function (s) { return retrieve("setup_intents", s); };
    self.retrievePaymentIntent = function (s) { return retrieve("payment_intents", s); };
    self.handleNextAction = function (opts) {
      var secret = opts && opts.clientSecret;
      var kind = kindFromSecret(secret);
      return retrieve(kind, secret).then(function (r) {
        return r.error ? r : handleActions(r[resultKey(kind)], kind, secret);
      });
    };
    self.handleCardAction = function (secret) {
      return retrieve("payment_intents", secret).then(function (r) {
        return r.error ? r : handleActions(r.paymentIntent, "payment_intents", secret);
      });
    };
    self.handleCardSetup = function (secret, element, data) {
      if (element && element._emulator) return confirmCard("setup_intents", secret, Object.assign({}, data || {}, { payment_method: Object.assign({ card: element }, (data && data.payment_method_data) || {}) }));
      return retrieve("setup_intents", secret).then(function (r) {
        return r.error ? r : handleActions(r.setupIntent, "setup_intents", secret);
      });
    };
    self.createPaymentMethod = function (a, b, c) {
      var data = typeof a === "string" ? Object.assign({}, c || {}, { type: a, card: b }) : (a || {});
      if (data.elements) return unsupported("createPaymentMethod with the Payment Element")();
      if (data.type !== "card") return unsupported("createPaymentMethod for " + data.type)();
      var read = readCard(data.card);
      if (read.error) return Promise.resolve({ error: read.error });
      var params = { type: "card", card: read.card };
      if (data.billing_details) params.billing_details = data.billing_details;
      if (data.metadata) params.metadata = data.metadata;
      if (data.allow_redisplay) params.allow_redisplay = data.allow_redisplay;
      return request(key, "POST", "/v1/payment_methods", params).then(function (r) {
        return r.error ? { error: r.error } : { paymentMethod: r.data };
      });
    };
    self.createToken = unsupported("createToken");
    self.confirmSetup = unsupported("confirmSetup (Payment Element)");
    self.confirmPayment = unsupported("confirmPayment (Payment Element)");
    self.elements = function (options) { return createElements(options || {}); };
    self._registerWrapper = function () {};
    self.registerAppInfo = function () {};
    self._emulator = { api: API };
  }

  Stripe.version = "endive";
  window.Stripe = Stripe;
`;
