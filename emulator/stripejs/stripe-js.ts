/**
 * The Stripe.js stand-in served at /js/stripe.js. It defines window.Stripe with
 * the methods the app uses, calling the emulator's REST API with the
 * publishable key and the intent's client secret, as Stripe.js does.
 * `@stripe/stripe-js`'s loadStripe() picks it up because window.Stripe exists.
 */
export function stripeJsSource(apiOrigin: string): string {
  return `/* Stripe.js stand-in for the local Stripe emulator (test mode only). */
(function () {
  "use strict";
  var API = ${JSON.stringify(apiOrigin)};

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
    return fetch(url, {
      method: method,
      headers: {
        "Authorization": "Bearer " + key,
        "Content-Type": "application/x-www-form-urlencoded"
      },
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

  function invalidSecret(kind) {
    return Promise.resolve({ error: { type: "invalid_request_error", code: "parameter_invalid", message: "Invalid value for " + (kind === "setup_intents" ? "SetupIntent" : "PaymentIntent") + " client_secret." } });
  }

  // Navigates away; like Stripe.js, the promise then never settles.
  function follow(intent, kind) {
    var next = intent && intent.next_action;
    if (intent && intent.status === "requires_action" && next && next.type === "redirect_to_url" && next.redirect_to_url && next.redirect_to_url.url) {
      window.location.assign(next.redirect_to_url.url);
      return new Promise(function () {});
    }
    var result = {};
    result[resultKey(kind)] = intent;
    return Promise.resolve(result);
  }

  function Stripe(publishableKey, options) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey, options);
    if (typeof publishableKey !== "string" || publishableKey.indexOf("pk_") !== 0) {
      throw new Error("Invalid value for Stripe(): apiKey should be a publishable key (pk_test_...).");
    }
    var key = publishableKey;
    var self = this;

    function retrieve(kind, clientSecret) {
      if (kindFromSecret(clientSecret) !== kind || clientSecret.indexOf("_secret_") < 0) return invalidSecret(kind);
      return request(key, "GET", "/v1/" + kind + "/" + idFromSecret(clientSecret), { client_secret: clientSecret })
        .then(function (r) {
          if (r.error) return { error: r.error };
          var out = {};
          out[resultKey(kind)] = r.data;
          return out;
        });
    }

    function confirmWallet(kind, type, clientSecret, data) {
      if (kindFromSecret(clientSecret) !== kind || String(clientSecret).indexOf("_secret_") < 0) return invalidSecret(kind);
      data = data || {};
      var params = { client_secret: clientSecret, return_url: data.return_url };
      if (typeof data.payment_method === "string") params.payment_method = data.payment_method;
      else params.payment_method_data = Object.assign({ type: type }, data.payment_method || {});
      if (data.mandate_data) params.mandate_data = data.mandate_data;
      if (data.setup_future_usage) params.setup_future_usage = data.setup_future_usage;
      return request(key, "POST", "/v1/" + kind + "/" + idFromSecret(clientSecret) + "/confirm", params)
        .then(function (r) { return r.error ? { error: r.error } : follow(r.data, kind); });
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
    self.retrieveSetupIntent = function (s) { return retrieve("setup_intents", s); };
    self.retrievePaymentIntent = function (s) { return retrieve("payment_intents", s); };
    self.handleNextAction = function (opts) {
      var secret = opts && opts.clientSecret;
      var kind = kindFromSecret(secret);
      return retrieve(kind, secret).then(function (r) {
        return r.error ? r : follow(r[resultKey(kind)], kind);
      });
    };
    self.confirmCardSetup = unsupported("Cards");
    self.confirmCardPayment = unsupported("Cards");
    self.createPaymentMethod = unsupported("createPaymentMethod");
    self.createToken = unsupported("createToken");
    self.elements = function () {
      var element = { mount: function () {}, unmount: function () {}, destroy: function () {}, on: function () { return element; }, off: function () { return element; }, update: function () {}, focus: function () {}, blur: function () {}, clear: function () {} };
      return {
        create: function () { return element; },
        getElement: function () { return null; },
        update: function () {},
        fetchUpdates: function () { return Promise.resolve({}); },
        submit: function () { return Promise.resolve({}); }
      };
    };
    self._registerWrapper = function () {};
    self.registerAppInfo = function () {};
    self._emulator = { api: API };
  }

  Stripe.version = "endive";
  window.Stripe = Stripe;
})();
`;
}
