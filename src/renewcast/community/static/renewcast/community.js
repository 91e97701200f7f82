/* The discussion without page reloads, for readers with JavaScript.
 *
 * Without this file everything still works: forms post and the server redirects back.
 * With it, the season page (served the same to everyone from the page cache, so it has
 * no CSRF token) loads the live discussion fragment when the reader scrolls near it,
 * and posting, replying, editing, liking, reporting, sorting, paging and predicting
 * happen in place. The server's own messages are shown, so both paths say the same thing.
 */
(function () {
  "use strict";

  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    var s = "";
    for (var i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
    return s;
  }

  function token(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function announce(section, text, isError) {
    var live = section.querySelector(".live");
    if (!live) return;
    live.textContent = text || "";
    live.classList.toggle("notice-error", !!isError);
    live.classList.toggle("notice", !!text);
  }

  function fragmentUrl(section, query) {
    var base = section.dataset.fragment ||
      section.querySelector(".discussion-body").dataset.discuss + "fragment/";
    return base + (query || "");
  }

  function load(section, query) {
    return fetch(fragmentUrl(section, query), {credentials: "same-origin"})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector(".discussion-body");
        var old = section.querySelector(".discussion-body");
        if (fresh && old) old.replaceWith(fresh);
        section.dataset.live = "1";
        return fresh;
      });
  }

  function send(form) {
    var headers = {"Accept": "application/json", "X-CSRFToken": token(form)};
    return fetch(form.action, {method: "POST", body: new FormData(form),
                               credentials: "same-origin", headers: headers})
      .then(function (r) {
        return r.json().catch(function () { return {}; })
          .then(function (body) { return {ok: r.ok, status: r.status, body: body}; });
      });
  }

  function clearErrors(form) {
    form.querySelectorAll(".error").forEach(function (e) { e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) {
      e.removeAttribute("aria-invalid");
    });
    form.querySelectorAll(".invalid").forEach(function (e) { e.classList.remove("invalid"); });
  }

  function showErrors(form, errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var slot = form.querySelector('.error[data-for="' + name + '"]');
      if (slot) slot.textContent = errors[name].join(" ");
      var input = form.querySelector('[name="' + name + '"]');
      if (input) {
        input.setAttribute("aria-invalid", "true");
        if (input.parentNode.classList) input.parentNode.classList.add("invalid");
        if (!first && input.type !== "hidden") first = input;
      }
    });
    if (first) first.focus();
  }

  function resetReply(section, form) {
    form.querySelector("input[name=parent]").value = "";
    var heading = form.querySelector("h3");
    if (heading) heading.textContent = "Add your comment";
    var replying = form.querySelector(".replying");
    if (replying) replying.remove();
    var home = section.querySelector(".form-home");
    if (home && form.parentNode !== home) home.append(form);
  }

  function startReply(section, link) {
    var form = section.querySelector("form.comment-form");
    if (!form) return false;
    var li = section.querySelector("#c" + link.dataset.reply);
    form.querySelector("input[name=parent]").value = link.dataset.reply;
    form.querySelector("h3").textContent = "Reply to " + link.dataset.name;
    var replying = form.querySelector(".replying");
    if (!replying) {
      replying = document.createElement("p");
      replying.className = "replying";
      form.querySelector("h3").after(replying);
    }
    replying.textContent = "";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "linkish cancel-reply";
    cancel.textContent = "Cancel reply";
    cancel.addEventListener("click", function () { resetReply(section, form); });
    replying.append("Replying to " + link.dataset.name + " · ", cancel);
    li.querySelector("article").after(form);
    form.querySelector("textarea").focus();
    return true;
  }

  function postComment(section, form) {
    clearErrors(form);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    return send(form).then(function (res) {
      if (res.ok) {
        var parent = res.body.parent;
        var holder = document.createElement("ol");
        holder.innerHTML = res.body.html;
        var item = holder.firstElementChild;
        if (parent) {
          var li = section.querySelector("#c" + parent);
          var replies = li.querySelector(":scope > ol.replies");
          if (!replies) {
            replies = document.createElement("ol");
            replies.className = "replies";
            li.append(replies);
          }
          replies.append(item);
        } else {
          var list = section.querySelector("ol.comments");
          list.prepend(item);
          var empty = section.querySelector(".discussion-body > .empty");
          if (empty) empty.remove();
        }
        form.querySelector("textarea").value = "";
        form.querySelector("input[name=nonce]").value = nonce();
        resetReply(section, form);
        var count = section.querySelector(".comments-h");
        var n = section.querySelectorAll("ol.comments li.comment:not(.held)").length;
        if (count && !res.body.repeated) {
          var was = parseInt(count.textContent, 10) || 0;
          n = Math.max(n, was + (res.body.status === "published" ? 1 : 0));
          count.textContent = n + " comment" + (n === 1 ? "" : "s");
        }
        announce(section, res.body.message);
        item.setAttribute("tabindex", "-1");
        item.focus();
      } else {
        showErrors(form, res.body.errors);
        announce(section, res.body.message || "Your comment was not posted.", true);
      }
    }).catch(function () {
      announce(section, "Could not reach renewcast: your comment is still in the box. " +
               "Try again in a moment.", true);
    }).finally(function () { button.disabled = false; });
  }

  function act(section, form) {
    return send(form).then(function (res) {
      var li = form.closest("li.comment");
      if (res.ok && res.body.likes !== undefined && li) {
        li.querySelector(".likes").textContent = res.body.likes;
      }
      if (res.ok && form.classList.contains("report")) {
        form.querySelector("button").disabled = true;
        form.querySelector("button").textContent = "Reported";
      }
      announce(section, res.body.message, !res.ok);
    }).catch(function () { announce(section, "Could not reach renewcast.", true); });
  }

  function predict(section, form) {
    clearErrors(form);
    return send(form).then(function (res) {
      if (res.ok) {
        return load(section).then(function () {
          announce(section, res.body.message || "Your prediction is saved.");
        });
      }
      showErrors(form, res.body.errors);
      announce(section, res.body.message || "Your prediction was not saved.", true);
    }).catch(function () { announce(section, "Could not reach renewcast.", true); });
  }

  function startEdit(section, link) {
    var article = link.closest("li.comment").querySelector("article");
    var body = article.querySelector(".comment-body");
    var token = section.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token) return false;
    if (article.querySelector("form.edit-form")) return true;
    var form = document.createElement("form");
    form.className = "edit-form";
    form.method = "post";
    form.action = link.getAttribute("href");
    form.innerHTML = '<input type="hidden" name="csrfmiddlewaretoken">' +
      '<label>Edit your comment <textarea name="comment" rows="4" maxlength="5000">' +
      '</textarea></label><span class="error" data-for="comment"></span>' +
      '<p><button type="submit" class="primary">Save</button> ' +
      '<button type="button" class="linkish cancel-edit">Cancel</button></p>';
    form.querySelector("input").value = token.value;
    // The text as typed: paragraphs and line breaks come back from the rendered HTML.
    form.querySelector("textarea").value = body.innerText.trim();
    form.querySelector(".cancel-edit").addEventListener("click", function () {
      form.remove();
      body.hidden = false;
      link.focus();
    });
    body.hidden = true;
    body.after(form);
    form.querySelector("textarea").focus();
    return true;
  }

  function saveEdit(section, form) {
    clearErrors(form);
    return send(form).then(function (res) {
      if (!res.ok) {
        showErrors(form, res.body.errors);
        announce(section, res.body.message || "Your change was not saved.", true);
        return;
      }
      var article = form.closest("article");
      var body = article.querySelector(".comment-body");
      body.innerHTML = res.body.html;  // escaped and linked by the server
      body.hidden = false;
      form.remove();
      var head = article.querySelector(".comment-head");
      if (!head.querySelector(".edited")) {
        var mark = document.createElement("span");
        mark.className = "edited";
        mark.textContent = "edited";
        head.querySelector(".when").after(mark);
      }
      var held = res.body.status !== "published";
      announce(section, held ? "Your comment is updated and awaits moderation." :
               "Your comment is updated.");
    }).catch(function () { announce(section, "Could not reach renewcast.", true); });
  }

  // The slider's figure beside it; here rather than in an oninput attribute, which the
  // site's Content-Security-Policy does not run.
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.matches("form.predict-form") && form.elements.shown &&
        event.target.name === "probability") {
      form.elements.shown.value = event.target.value + "%";
    }
  });

  function wire(section) {
    section.addEventListener("submit", function (event) {
      var form = event.target;
      if (!section.dataset.live) return;  // still the cached copy: let the browser post
      if (form.matches("form.comment-form")) { event.preventDefault(); postComment(section, form); }
      else if (form.matches("form.act")) { event.preventDefault(); act(section, form); }
      else if (form.matches("form.predict-form")) { event.preventDefault(); predict(section, form); }
      else if (form.matches("form.edit-form")) { event.preventDefault(); saveEdit(section, form); }
    });
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link || !section.dataset.live) return;
      if (link.matches("a.reply") && startReply(section, link)) {
        event.preventDefault();
      } else if (link.matches("a.edit") && startEdit(section, link)) {
        event.preventDefault();
      } else if (link.dataset.order || link.dataset.page) {
        event.preventDefault();
        var query = link.getAttribute("href").split("?")[1] || "";
        load(section, "?" + query.split("#")[0]).then(function () {
          var heading = section.querySelector(".comments-h");
          if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
        });
      }
    });
  }

  function start() {
    var section = document.getElementById("discussion");
    if (!section) return;
    wire(section);
    if (!section.dataset.fragment) {  // the discussion page: already live
      section.dataset.live = "1";
      return;
    }
    var go = function () { load(section).catch(function () {}); };
    if ("IntersectionObserver" in window) {
      var seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          seen.disconnect();
          go();
        }
      }, {rootMargin: "800px 0px"});
      seen.observe(section);
    } else {
      go();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
