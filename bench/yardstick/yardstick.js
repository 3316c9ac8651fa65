// The bench's yardstick: the Yew page's fields and rules in plain JS, no framework, no build step.
"use strict";
(function () {
  var form = document.querySelector("form");
  var out = document.querySelector(".csf-outcome");
  var touched = {};

  function id(label, v) {
    if (!v) return label + " is required.";
    if (/[\s\/?#]/.test(v)) return "No spaces, /, ? or # allowed.";
  }
  var rules = {
    project_id: function (v) { return id("Project ID", v); },
    cluster_id: function (v) { return id("Cluster ID", v); },
    name: function (v) {
      if (!v) return "Snapshot name is required.";
      if (!/^[a-z]/.test(v)) return "Must start with a lowercase letter.";
      var n = Array.from(v).length;
      if (n < 4 || n > 64) return "4 to 64 characters; this has " + n + ".";
      var bad = v.match(/[^a-z0-9_-]/);
      if (bad) return "Position " + (bad.index + 1) + ": \u201c" + bad[0] + "\u201d is not allowed (a-z, 0-9, - and _ only).";
    },
    description: function (v) {
      if (Array.from(v).length > 256) return "At most 256 characters.";
      if (/[<>]/.test(v)) return "Angle brackets (< >) are not allowed.";
    },
    indices: function (v) {
      if (!v) return;
      if (Array.from(v).length > 1024) return "At most 1024 characters.";
      if (/[A-Z\s"\\<|>\/?]/.test(v)) return "No uppercase letters, spaces or \"\\<|>/?.";
      if (v.split(",").indexOf("") >= 0) return "An empty index name (check the commas).";
    },
    x_auth_token: function (v) {
      if (/[^\x21-\x7e]/.test(v)) return "Only visible ASCII characters.";
    }
  };

  // Shows the field's verdict; returns true when it is valid.
  function judge(el) {
    var err = rules[el.name](el.value);
    var msg = document.getElementById(el.name + "-msg");
    if (err) {
      if (!msg) {
        msg = document.createElement("p");
        msg.id = el.name + "-msg";
        msg.className = "msg";
        el.after(msg);
      }
      msg.textContent = err;
      el.setAttribute("aria-describedby", msg.id);
    } else if (msg) {
      msg.remove();
      el.removeAttribute("aria-describedby");
    }
    el.setAttribute("aria-invalid", err ? "true" : "false");
    return !err;
  }

  form.addEventListener("input", function (e) { touched[e.target.name] = 1; judge(e.target); });
  form.addEventListener("focusout", function (e) {
    if (rules[e.target.name] && !touched[e.target.name]) { touched[e.target.name] = 1; judge(e.target); }
  });

  // A value as a table cell: objects become nested tables.
  function table(obj) {
    var t = document.createElement("table");
    Object.keys(obj).forEach(function (k) {
      var tr = t.insertRow(), th = document.createElement("th"), td = tr.insertCell(-1);
      th.textContent = k;
      tr.prepend(th);
      var v = obj[k];
      if (v && typeof v === "object") td.append(table(v));
      else td.textContent = v === null ? "not set" : String(v);
    });
    return t;
  }

  var sending = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (sending) return;
    var f = form.elements, first = null;
    Object.keys(rules).forEach(function (n) { if (!judge(f[n]) && !first) first = f[n]; });
    if (first) { first.focus(); return; }
    var body = { name: f.name.value };
    if (f.description.value) body.description = f.description.value;
    if (f.indices.value) body.indices = f.indices.value;
    var headers = { "Content-Type": "application/json" };
    if (f.x_auth_token.value) headers["X-Auth-Token"] = f.x_auth_token.value;
    sending = true;
    form.querySelector("button").setAttribute("aria-disabled", "true");
    out.textContent = "";
    fetch("/v1.0/" + encodeURIComponent(f.project_id.value) + "/clusters/" +
          encodeURIComponent(f.cluster_id.value) + "/index_snapshot",
          { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (r) {
        return r.text().then(function (text) {
          var data = null;
          try { data = JSON.parse(text); } catch (_) {}
          if (r.status === 201 && data && data.backup) {
            var s = document.createElement("section");
            s.className = "csf-result";
            s.innerHTML = "<h3>Snapshot created</h3>";
            s.append(table(data.backup));
            out.append(s);
          } else {
            fail("HTTP " + r.status + ": " + text);
          }
        });
      }, function (err) { fail("The service could not be reached: " + err); })
      .then(function () { sending = false; form.querySelector("button").setAttribute("aria-disabled", "false"); });
  });

  function fail(text) {
    var d = document.createElement("div");
    d.className = "csf-failure";
    d.setAttribute("role", "alert");
    d.textContent = text;
    out.append(d);
  }

  // Prefill the ids from the query, as the Yew page does.
  var q = new URLSearchParams(location.search);
  ["project_id", "cluster_id"].forEach(function (n) { if (q.get(n)) form.elements[n].value = q.get(n); });
  form.dataset.ready = "1";
})();
